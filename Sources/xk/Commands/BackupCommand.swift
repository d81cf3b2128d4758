import ArgumentParser
import Foundation
import Storage

/// `xk backup --data DIR --to FILE`: a consistent copy of a running service's store, and its keys beside it.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a dispatcher's journal, a ward's case store or a coordinator's SQLite store while it runs.",
        discussion: """
            Uses SQLite's online backup (a consistent copy as of one commit; the service keeps working), never a \
            file copy. The keys that open the citizens' sealed data are copied beside the backup, owner-only \
            (FILE.personal-data.keys, and for a journal FILE.citizen-pseudonym.key): the backup cannot be read \
            without them, so keep them together, where only the IT officer can read them. Put a backup back with \
            xk restore.
            """)

    @Option(help: "The service's data folder (holding journal.sqlite or cases.sqlite), or the coordinator's SQLite file.")
    var data: String
    @Option(help: "The backup file to write; it must not exist (e.g. /var/backups/xungkich/journal-2026-12-01.sqlite).")
    var to: String

    func run() async throws {
        let result: StoreBackup.Result
        do {
            result = try StoreBackup.backup(data: data, to: to)
        } catch {
            throw CLIError.refused("\(error)")
        }
        print("backed up \(result.source) to \(result.backup) (\(result.bytes) bytes)")
        for key in result.keys { print("  key beside it (owner-only): \(key)") }
    }
}
