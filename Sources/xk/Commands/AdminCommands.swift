import XungKich
import ArgumentParser
import Foundation
import XungKichWire

/// `xk requeue ID`: give a request (e.g. from the needs-attention list) a fresh set of attempts.
struct RequeueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requeue", abstract: "Put a request back in its ward's queue with fresh attempts (--to: in another unit's, e.g. one of a split unit's successors).")
    @Argument(help: "Request id.") var id: RequestID
    @Option(help: "Route it to this unit from now on (5-digit code), e.g. the successor an operator chose for a split unit's request; its filed unit is kept.")
    var to: String?
    @OptionGroup var client: ClientOptions

    func run() async throws {
        var command = AdminCommand(.requeue, id: id)
        command.to = to.map(WardCode.init)
        let reply = try await client.call("xk.admin", WireJSON.encode(command), as: AdminAnswer.self, identity: "officer")
        print("\(reply.id): \(reply.state)")
    }
}

/// `xk cancel ID`: withdraw an open request.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Withdraw an open request (a worker's later answer is ignored).")
    @Argument(help: "Request id.") var id: RequestID
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try await client.call("xk.admin", WireJSON.encode(AdminCommand(.cancel, id: id)), as: AdminAnswer.self, identity: "officer")
        print("\(reply.id): \(reply.state)")
    }
}

/// `xk attention`: requests that failed delivery too often and wait for an operator.
struct AttentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention", abstract: "List requests that need an operator (too many failed deliveries).")
    @Flag(help: "Print the dispatcher's JSON answer.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let reply = try await client.call("xk.admin", WireJSON.encode(AdminCommand(.attention)), as: AttentionList.self, identity: "officer")
        if json { return printJSON(reply) }
        if reply.requests.isEmpty { return print(Say.noAttention) }
        for request in reply.requests {
            let unit = request.unit.map { "  \(Say.unit) \($0)" } ?? ""
            print("\(request.id)  \(Say.ward) \(request.ward)\(unit)  \(Say.attempts) \(request.attempts)  \(Say.since) \(hanoiTime(request.createdAt))"
                  + "   → xk requeue \(request.id) [--to CODE]")
        }
    }
}
