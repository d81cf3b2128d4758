import ArgumentParser
import Foundation

/// `xk requeue ID`: give a request (e.g. from the needs-attention list) a fresh set of attempts.
struct RequeueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requeue", abstract: "Put a request back in its ward's queue with fresh attempts.")
    @Argument(help: "Request id.") var id: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try await client.call("xk.admin", adminBody("requeue", id))
        print("\(reply["id"] ?? id): \(reply["state"] ?? "requeued")")
    }
}

/// `xk cancel ID`: withdraw an open request.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Withdraw an open request (a worker's later answer is ignored).")
    @Argument(help: "Request id.") var id: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try await client.call("xk.admin", adminBody("cancel", id))
        print("\(reply["id"] ?? id): \(reply["state"] ?? "cancelled")")
    }
}

/// `xk attention`: requests that failed delivery too often and wait for an operator.
struct AttentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention", abstract: "List requests that need an operator (too many failed deliveries).")
    @Flag(help: "Print the dispatcher's JSON answer.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try await client.call("xk.admin", adminBody("attention", nil))
        if json { return printJSON(reply) }
        let requests = reply["requests"] as? [[String: Any]] ?? []
        if requests.isEmpty { return print("no request needs attention") }
        for request in requests {
            let since = (request["createdAt"] as? Double).map(hanoiTime) ?? "?"
            print("\(request["id"] ?? "?")  ward \(request["ward"] ?? "?")  attempts \(request["attempts"] ?? 0)  since \(since)"
                  + "   → xk requeue \(request["id"] ?? "?")")
        }
    }
}

private func adminBody(_ command: String, _ id: String?) -> [UInt8] {
    var object: [String: Any] = ["command": command]
    if let id { object["id"] = id }
    return (try? JSONSerialization.data(withJSONObject: object)).map { [UInt8]($0) } ?? []
}
