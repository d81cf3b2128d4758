import ArgumentParser
import Foundation
import Security
import XungKich

/// `xk keys init|add|revoke|list`: a district's CURVE keys and who holds which role.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make and manage a district's keys (CurveZMQ) and their roles.",
        discussion: """
            A key folder holds NAME.key (secret, owner-only) and NAME.pub for each identity, and authorized.yaml \
            listing every public key with its role. Copy to each machine only what it needs: a ward's machine its \
            own ward-CODE.key and dispatcher.pub; the dispatcher's machine dispatcher.key and authorized.yaml.
            """,
        subcommands: [Init.self, Add.self, Revoke.self, List.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the district's keys: dispatcher, coordinator, intake, officer, viewer and one per ward.")
        @Option(help: "District configuration file.") var config: String
        @Option(help: "Key folder to make (kept owner-only).") var out: String

        func run() throws {
            let district = try DistrictConfig.load(path: config)
            let made = try KeyFolder(path: out).initialize(for: district)
            print(Say.newKeys("\(out)", made.count))
            for key in made { print("  \(key.name)  \(key.role.rawValue)" + (key.ward.map { " \($0)" } ?? "")) }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add one identity (a second help desk, a second officer).")
        @Option(help: "intake, officer, viewer, coordinator, dispatcher or ward.") var role: Role
        @Option(help: "The ward's GSO code (ward keys only).") var ward: String?
        @Option(help: "The identity's name, e.g. intake-2.") var name: String
        @Option(help: "Key folder.") var keys: String
        @Option(help: "District configuration, to check --ward.") var config: String?

        func run() throws {
            let district = try config.map { try DistrictConfig.load(path: $0) }
            let key = try KeyFolder(path: keys).add(name: name, role: role, ward: ward, config: district)
            print(Say.keyMade(key.name, role: key.role.rawValue, files: "\(keys)/\(key.name).key, .pub"))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse an identity's key from now on, also on open connections.")
        @Argument(help: "The identity's name.") var name: String
        @Option(help: "Key folder.") var keys: String

        func run() throws {
            let key = try KeyFolder(path: keys).revoke(name: name)
            print(Say.keyRevoked(key.name))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the identities (no secrets).")
        @Option(help: "Key folder.") var keys: String

        func run() throws {
            for key in try KeyFolder(path: keys).list() {
                print("\(key.name)  \(key.role.rawValue)\(key.ward.map { " " + $0 } ?? "")  \(key.publicKey)"
                      + (key.revoked ? "  " + Say.revoked : ""))
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
