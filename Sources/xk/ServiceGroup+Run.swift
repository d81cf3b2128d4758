import ServiceLifecycle

extension ServiceGroup {
    /// Runs the group; a part that stopped on its own is reported in words, not as the library's error with its
    /// source file and line (the part's own log lines above say why it ended).
    func runForCommand() async throws {
        do {
            try await run()
        } catch let error as ServiceGroupError {
            let text = "\(error)"
            let said = text.range(of: "message: ").map { String(text[$0.upperBound...]) } ?? "a part ended"
            throw CLIError.refused("a part of this service stopped unexpectedly (\(said.trimmingCharacters(in: .whitespaces))), "
                + "so the whole service was stopped; the log lines above say why. Start it again, and call the IT officer "
                + "if it happens again.")
        }
    }
}
