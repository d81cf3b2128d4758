@testable import Dispatcher
import Majordomo

func b(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Drives a `Broker` with a fake clock and records what it sends.
struct BrokerHarness {
    var broker: Broker
    var now: ContinuousClock.Instant
    var sent: [Outbox.Message] = []
    var notices: [BrokerNotice] = []
    /// The reply address of the latest delivery of each job (by body) to each worker.
    var addresses: [Key: [UInt8]] = [:]
    struct Key: Hashable { var worker: String; var body: String }

    init(_ configure: (inout BrokerConfiguration) -> Void = { _ in }) {
        var configuration = BrokerConfiguration()
        configure(&configuration)
        now = ContinuousClock.now
        broker = Broker(configuration: configuration, now: now)
    }

    /// Feeds one message from `peer`; returns what the broker sent in response.
    @discardableResult
    mutating func from(_ peer: String, _ frames: [[UInt8]]) -> [Outbox.Message] {
        var out = Outbox()
        broker.receive(from: b(peer), frames[...], now: now, into: &out)
        return record(out)
    }

    mutating func advance(_ duration: Duration) -> [Outbox.Message] {
        now += duration
        var out = Outbox()
        broker.tick(now: now, into: &out)
        return record(out)
    }

    mutating func failSend(_ message: Outbox.Message, unreachable: Bool = true) -> [Outbox.Message] {
        var out = Outbox()
        broker.sendFailed(message, unreachable: unreachable, now: now, into: &out)
        return record(out)
    }

    private mutating func record(_ out: Outbox) -> [Outbox.Message] {
        for message in out.messages {
            if case .success(.request(let address, let body))? = message.workerView {
                addresses[Key(worker: message.to, body: String(decoding: body.first ?? [], as: UTF8.self))] = address
            }
        }
        sent += out.messages
        notices += out.notices
        return out.messages
    }

    // Peers in each dialect.
    mutating func ready(_ peer: String, _ service: String, _ dialect: Dialect = .rfc18) -> [Outbox.Message] {
        from(peer, WorkerCodec.ready(dialect, service: b(service)))
    }

    mutating func request(_ peer: String, _ service: String, _ body: String, _ dialect: Dialect = .rfc18) -> [Outbox.Message] {
        from(peer, ClientCodec.request(dialect, service: b(service), body: [b(body)]))
    }

    /// `worker` answers the job whose request body was `job`, echoing the address the broker gave it.
    mutating func reply(_ worker: String, for job: String, _ body: String, final: Bool = true,
                        _ dialect: Dialect = .rfc18) -> [Outbox.Message] {
        let address = addresses[Key(worker: worker, body: job)] ?? b("never-delivered")
        return from(worker, WorkerCodec.reply(dialect, client: address, final: final, body: [b(body)]) ?? [])
    }
}

extension Outbox.Message {
    /// The body of a REQUEST to a worker, if this is one.
    func asRequest(_ dialect: Dialect = .rfc18) -> String? {
        guard case .success(.request(_, let body)) = WorkerCodec.decode(dialect, Array(frames.dropFirst()))
        else { return nil }
        return String(decoding: body.first ?? [], as: UTF8.self)
    }

    /// How a worker of any dialect would read this message.
    var workerView: Result<WorkerCodec.Inbound, DecodeError>? {
        for dialect in Dialect.allCases {
            if case .success(let inbound) = WorkerCodec.decode(dialect, Array(frames.dropFirst())) { return .success(inbound) }
        }
        return nil
    }

    func asReply(_ dialect: Dialect = .rfc18) -> ClientCodec.Reply? {
        try? ClientCodec.decodeReply(dialect, Array(frames.dropFirst())).get()
    }

    func isDisconnect(_ dialect: Dialect = .rfc18) -> Bool {
        WorkerCodec.decode(dialect, Array(frames.dropFirst())) == .success(.disconnect)
    }

    var to: String { String(decoding: peer, as: UTF8.self) }
}
