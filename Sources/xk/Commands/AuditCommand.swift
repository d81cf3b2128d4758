import ArgumentParser
import Foundation
import Storage

/// `xk audit --data DIR`: who revealed or erased citizens' personal data, from a data folder's audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List reveals of citizens' phones, erasures and key rotations recorded in a data folder (dispatcher or ward).")

    @Option(help: "The dispatcher's or ward worker's data folder.") var data: String
    @Option(help: "Only this action: reveal, erase-citizen, erase-notice, purge, rotate-key.") var action: String?
    @Option(help: "Only entries for this request id.") var request: String?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: data) else {
            throw CLIError.refused("\(data) does not exist; give the --data folder of a dispatcher or ward worker")
        }
        let entries = try AuditLog(directory: data).entries()
            .filter { action == nil || $0.action == action }
            .filter { request == nil || $0.requests.contains(request ?? "") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for entry in entries { print(String(decoding: try encoder.encode(entry), as: UTF8.self)) }
            return
        }
        if entries.isEmpty { return print(Say.nothingAudited("\(AuditLog(directory: data).path)")) }
        for entry in entries {
            let requests = entry.requests.count > 5
                ? entry.requests.prefix(5).joined(separator: ", ") + " … (\(entry.requests.count))"
                : entry.requests.joined(separator: ", ")
            print("\(hanoiTime(entry.at))  \(entry.action)  \(Say.by) \(entry.who)  \(requests)" + (entry.detail.map { "  (\($0))" } ?? ""))
        }
    }
}
