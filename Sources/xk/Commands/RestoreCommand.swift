import ArgumentParser
import Storage

/// `xk restore --from FILE --data DIR`: a backup as the store of a new data folder.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup made by xk backup back as the store of a new data folder, with its keys.",
        discussion: """
            The folder must hold no store yet (move a damaged one away first). Then start the service on the folder: \
            a dispatcher carries on with the next request id and hands out again every request that was open.
            """)

    @Option(help: "The backup file (with its .personal-data.keys beside it).") var from: String
    @Option(help: "The new data folder (created owner-only).") var data: String

    func run() async throws {
        let restored: StoreFile
        do {
            restored = try StoreBackup.restore(from: from, into: data)
        } catch {
            throw CLIError.refused("\(error)")
        }
        print("restored \(restored)")
        if restored.role == .statistics { print("start the coordinator with --store sqlite:\(restored.path)") }
    }
}
