import ArgumentParser
import Dispatcher
import Foundation
import Storage
import WardWorker
import XungKich
import XungKichWire

/// `xk privacy purge | rotate-key`: retention and the personal-data key of a data folder.
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy", abstract: "Retention and encryption of citizens' personal data.",
        subcommands: [Purge.self, RotateKey.self])

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase the name, phone and notes of requests finished more than --days ago (also done daily by the services).",
            discussion: """
                Without --data, asks the running dispatcher (officer key). With --data, works on a stopped \
                dispatcher's or ward worker's data folder. Audited either way.
                """)
        @Option(help: "Retention in days (default: the dispatcher's --retention-days; 30 with --data).") var days: Int?
        @Option(help: "A stopped dispatcher's or ward worker's data folder.") var data: String?
        @Flag(help: "Print the JSON answer.") var json = false
        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let days, days < 0 { throw ValidationError("--days must be 0 or more") }
        }

        func run() async throws {
            let answer: CitizenErasureAnswer
            if let data {
                answer = try Self.offline(data: data, days: days ?? 30)
            } else {
                var command = AdminCommand(.purge)
                command.days = days
                answer = try await client.call("xk.admin", WireJSON.encode(command), as: CitizenErasureAnswer.self,
                                               identity: "officer")
            }
            if json { return printJSON(answer) }
            print(Say.purged(answer.requests.count))
        }

        static func offline(data: String, days: Int) throws -> CitizenErasureAnswer {
            let folder = try DataFolder(path: data, purpose: "xk privacy purge")
            defer { withExtendedLifetime(folder) {} }
            let cutoff = Date().timeIntervalSince1970 - Double(days) * 86_400
            let audit = AuditLog(directory: data)
            switch try StoreInFolder(data) {
            case .journal(let journal):
                let ids = try journal.finishedHoldingPersonalData(before: cutoff)
                try audit.append(AuditEntry(at: Date().timeIntervalSince1970, who: "local", action: "purge",
                                            requests: ids.map(\.rawValue), detail: "retention \(days) days"))
                return CitizenErasureAnswer(requests: try journal.erasePersonalData(ids, now: Date().timeIntervalSince1970,
                                                                                    tellWards: false).map {
                    .init(id: $0.0.id, hadPersonalData: $0.0.hadPersonalData, wardsTold: [])
                })
            case .cases:
                throw CLIError.refused("a ward's cases are purged by its worker at start and daily (--retention-days); start it")
            }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Seal a stopped service's personal data under a new key; the old key is dropped once every record uses the new one.",
            discussion: """
                Stop the dispatcher or ward worker first (the folder is locked while it runs). Back up the new \
                personal-data.keys with the database: a backup of the database cannot be read without it.
                """)
        @Option(help: "The stopped dispatcher's or ward worker's data folder.") var data: String

        func run() async throws {
            let folder = try DataFolder(path: data, purpose: "xk privacy rotate-key")
            defer { withExtendedLifetime(folder) {} }
            let keyPath = PersonalDataKeyFile.path(in: data)
            var keys = try PersonalDataKeyFile.load(path: keyPath)
            keys.rotate()
            let active = keys.activeID
            // Both keys on disk first: a crash mid-way leaves every record readable.
            try PersonalDataKeyFile.write(keys, path: keyPath)
            let count: Int
            switch try StoreInFolder(data, keys: keys) {
            case .journal(let journal): count = try journal.reseal(with: keys)
            case .cases(let store): count = try store.reseal(with: keys)
            }
            keys.retire(below: active)
            try PersonalDataKeyFile.write(keys, path: keyPath)
            try AuditLog(directory: data).append(AuditEntry(at: Date().timeIntervalSince1970, who: "local",
                                                            action: "rotate-key", detail: "key \(active), \(count) records"))
            print(Say.resealed(count, key: "\(active)", file: "\(keyPath)"))
        }
    }
}

/// The store a data folder holds: a dispatcher's journal or a ward's case store, opened with its keys.
enum StoreInFolder {
    case journal(Journal)
    case cases(CaseStore)

    init(_ data: String, keys: PersonalDataKeys? = nil) throws {
        let keys = try keys ?? PersonalDataKeyFile.load(path: PersonalDataKeyFile.path(in: data))
        let journal = (data as NSString).appendingPathComponent("journal.sqlite")
        let cases = (data as NSString).appendingPathComponent("cases.sqlite")
        if FileManager.default.fileExists(atPath: journal) {
            self = .journal(try Journal(path: journal, keys: keys))
        } else if FileManager.default.fileExists(atPath: cases) {
            self = .cases(try CaseStore(path: cases, keys: keys))
        } else {
            throw CLIError.refused("\(data) holds neither a dispatcher's journal.sqlite nor a ward's cases.sqlite")
        }
    }
}
