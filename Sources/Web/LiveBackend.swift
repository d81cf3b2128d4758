import MajordomoPeers
import XungKich
import XungKichWire
import ZeroMQ

/// The real coordinator and dispatchers, over ZeroMQ; with keys, as CURVE clients (the coordinator checks
/// the web's key is a viewer's or an officer's, each dispatcher that an `xk.admin` command comes from an
/// officer, exactly as for `xk stats` and `xk requeue`).
public struct LiveBackend: WebBackend {
    /// One district's dispatcher.
    public struct Dispatcher: Sendable {
        public var district: String
        public var endpoint: String
        public var curve: CurveClientKeys?

        public init(district: String, endpoint: String, curve: CurveClientKeys?) {
            self.district = district
            self.endpoint = endpoint
            self.curve = curve
        }
    }

    public var coordinator: String
    public var coordinatorCurve: CurveClientKeys?
    public var dispatchers: [Dispatcher]
    /// Seconds to wait for an answer: short, a page waits on it.
    public var timeout: Double

    public init(coordinator: String, coordinatorCurve: CurveClientKeys?, dispatchers: [Dispatcher], timeout: Double = 3) {
        self.coordinator = coordinator
        self.coordinatorCurve = coordinatorCurve
        self.dispatchers = dispatchers
        self.timeout = timeout
    }

    public func stats(_ query: StatsQueryMessage) async throws -> StatsAnswer {
        try await ask(query, as: StatsAnswer.self)
    }

    public func requests(_ query: StatsQueryMessage) async throws -> PublicRequestList {
        try await ask(query, as: PublicRequestList.self)
    }

    private func ask<Answer: Decodable>(_ query: StatsQueryMessage, as type: Answer.Type) async throws -> Answer {
        let answer = try await RequestClient.call(coordinator, WireJSON.encode(query), timeout: timeout, curve: coordinatorCurve)
        return try WireJSON.decodeReply(Answer.self, from: answer)
    }

    public func attention() async throws -> [AttentionList.Item] {
        var items: [AttentionList.Item] = []
        for dispatcher in dispatchers {
            items += try await call(dispatcher, AdminCommand(.attention), as: AttentionList.self).requests
        }
        return items.sorted { $0.createdAt < $1.createdAt }
    }

    public func admin(_ command: AdminCommand) async throws -> AdminAnswer {
        // A request id starts with its district's code (`007-0000042`); one dispatcher takes all.
        let prefix = command.id.map { String($0.rawValue.prefix { $0 != "-" }) }
        guard let dispatcher = dispatchers.first(where: { $0.district == prefix }) ?? (dispatchers.count == 1 ? dispatchers.first : nil)
        else { throw WireError(.invalidRequest, "no dispatcher of this web serves request \(command.id?.rawValue ?? "")") }
        return try await call(dispatcher, command, as: AdminAnswer.self)
    }

    private func call<Answer: Decodable>(_ dispatcher: Dispatcher, _ command: AdminCommand, as type: Answer.Type) async throws -> Answer {
        var options = MajordomoClient.Options()
        options.timeout = .milliseconds(Int64(timeout * 1000))
        options.retries = 1
        options.curve = dispatcher.curve
        let client = try MajordomoClient(endpoint: dispatcher.endpoint, options: options)
        defer { client.close() }
        let reply = try await client.request(service: "xk.admin", body: [WireJSON.encode(command)])
        return try WireJSON.decodeReply(Answer.self, from: reply.first ?? [])
    }
}
