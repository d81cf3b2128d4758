import Majordomo
import ZeroMQ

/// A Majordomo client with timeouts and retries (the zguide's Lazy Pirate): requests are sent one
/// at a time; when a reply part does not arrive within `timeout`, the socket is thrown away (so a late
/// answer cannot be mistaken for the next one) and the request is sent again, up to `retries` times.
public final class MajordomoClient: Sendable {
    public struct Options: Sendable {
        public var dialect: Dialect = .rfc18
        /// How long to wait for each reply part.
        public var timeout: Duration = .milliseconds(2500)
        /// Extra attempts after the first one times out.
        public var retries: Int = 2
        /// With keys: this client's pair and the dispatcher's public key (CurveZMQ).
        public var curve: CurveClientKeys?
        public init() {}
    }

    public let endpoint: String
    public let options: Options
    private let mailbox: Mailbox<ClientLoop.Command>
    private let ownsContext: Bool
    private let context: ZMQContext

    /// Connects to `endpoint` (the dispatcher). Pass a shared `context` to save threads.
    public init(endpoint: String, options: Options = Options(), context: ZMQContext? = nil) throws {
        self.endpoint = endpoint
        self.options = options
        self.context = try context ?? ZMQContext()
        ownsContext = context == nil
        mailbox = try Mailbox()
        let loop = ClientLoop(endpoint: endpoint, options: options, context: self.context, mailbox: mailbox)
        let (owns, ctx) = (ownsContext, self.context)
        SocketThread.start(name: "xk-client") {
            loop.run()
            if owns { ctx.terminate() }
        }
    }

    /// Sends `body` to `service` and returns the FINAL reply's body. PARTIAL replies, if any, are
    /// passed to `onPartial` as they arrive.
    public func request(
        service: String, body: [[UInt8]], onPartial: (@Sendable ([[UInt8]]) -> Void)? = nil
    ) async throws -> [[UInt8]] {
        try await withCheckedThrowingContinuation { continuation in
            mailbox.post(.request(ClientLoop.Pending(
                service: Array(service.utf8), body: body, onPartial: onPartial, continuation: continuation)))
        }
    }

    /// Asks `mmi.service` whether a worker serves `service`.
    public func hasWorkers(for service: String) async throws -> Bool {
        let reply = try await request(service: "mmi.service", body: [Array(service.utf8)])
        return reply.first == MMI.found
    }

    /// Stops the client thread; waiting requests fail with `.closed`.
    public func close() { mailbox.post(.close) }

    deinit { mailbox.post(.close) }
}
