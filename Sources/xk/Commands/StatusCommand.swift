import ArgumentParser
import Foundation

/// `xk status ID`: a help request's state, outcome and history.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a help request's state, outcome and history.")

    @Argument(help: "The request id printed by `xk enqueue`, e.g. 007-0000042.") var id: String
    @Flag(help: "Print the dispatcher's JSON answer.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let status = try await client.call("xk.status", Array(id.utf8))
        if json { return printJSON(status) }
        let outcome = (status["outcome"] as? String).map { "  outcome \($0)" } ?? ""
        print("\(status["id"] ?? id)  ward \(status["ward"] ?? "?")  procedure \(status["procedure"] ?? "?") "
              + "(\(status["field"] ?? "?"))  state \(status["state"] ?? "?")\(outcome)  attempts \(status["attempts"] ?? 0)"
              + ((status["needsAttention"] as? Bool) == true ? "  NEEDS ATTENTION" : ""))
        for event in status["history"] as? [[String: Any]] ?? [] {
            let at = (event["at"] as? Double).map(hanoiTime) ?? "?"
            let kind = (event["kind"] as? String ?? "").padding(toLength: 14, withPad: " ", startingAt: 0)
            let state = (event["state"] as? String ?? "").padding(toLength: 16, withPad: " ", startingAt: 0)
            let detail = (event["detail"] as? [String: Any]).map(describe) ?? ""
            print("  \(at)  \(kind)\(state)\(detail)")
        }
    }

    private func describe(_ detail: [String: Any]) -> String {
        detail.keys.sorted().map { "\($0)=\(detail[$0] ?? "")" }.joined(separator: " ")
    }
}
