import ZeroMQ

/// An async client of a `RequestServer` (a ward worker's control endpoint, a coordinator's statistics):
/// requests go one at a time over a DEALER on the client's own thread, so no caller blocks a thread of
/// Swift's cooperative pool. A request not answered within `timeout` fails, and the socket is replaced so
/// a late answer cannot be taken for the next one.
public final class RequestClient: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case noAnswer(endpoint: String, seconds: Double)
        case closed

        public var description: String {
            switch self {
            case .noAnswer(let endpoint, let seconds):
                "no answer from \(endpoint) within \(seconds) s; is the process (xk worker, xk coordinator) running there?"
            case .closed:
                "the client was closed before the answer came"
            }
        }
    }

    public let endpoint: String
    private let mailbox: Mailbox<RequestClientLoop.Command>

    /// Connects to `endpoint`; `timeout` is in seconds, per request.
    public init(endpoint: String, timeout: Double = 5) throws {
        self.endpoint = endpoint
        mailbox = try Mailbox()
        let context = try ZMQContext()
        let loop = RequestClientLoop(endpoint: endpoint, timeout: timeout, context: context, mailbox: mailbox)
        SocketThread.start(name: "xk-request-client") {
            loop.run()
            context.terminate()
        }
    }

    /// Sends `body` and returns the answer.
    public func call(_ body: [UInt8]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            mailbox.post(.request(body, continuation))
        }
    }

    /// One request on a client of its own.
    public static func call(_ endpoint: String, _ body: [UInt8], timeout: Double = 5) async throws -> [UInt8] {
        let client = try RequestClient(endpoint: endpoint, timeout: timeout)
        defer { client.close() }
        return try await client.call(body)
    }

    /// Stops the client's thread; waiting requests fail with `.closed`.
    public func close() { mailbox.post(.close) }

    deinit { mailbox.post(.close) }
}
