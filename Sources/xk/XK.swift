import ArgumentParser

/// `xk`: the XungKích command line — runs the district's daemons and talks to them.
@main
struct XK: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xk",
        abstract: "XungKích: route citizens' help requests to the wards' digital shock teams (Tổ xung kích số).",
        subcommands: [
            DispatcherCommand.self, EnqueueCommand.self, StatusCommand.self, RequeueCommand.self, CancelCommand.self,
            AttentionCommand.self, WorkerCommand.self, CasesCommand.self, CaseCommandGroup.self, TeamCommand.self,
            CoordinatorCommand.self, StatsCommand.self, BaselineCommand.self, KeysCommand.self, DemoCommand.self,
            BenchCommand.self, CitizenCommand.self, PrivacyCommand.self, AuditCommand.self, BackupCommand.self,
            RestoreCommand.self, WebCommand.self, UnitsCommand.self, TeamsCommand.self,
        ]
    )

    /// ArgumentParser's own entry, with the error worded in the reader's language (``Say/error(_:)``).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: Say.error(error))
        }
    }
}
