import ZeroMQ

/// An async client of a `RequestServer` (a ward worker's control endpoint, a coordinator's statistics):
/// requests go one at a time over a DEALER on the client's own thread, so no caller blocks a thread of
/// Swift's cooperative pool. A request not answered within `timeout` fails, and the socket is replaced so
/// a late answer cannot be taken for the next one.
public final class RequestClient: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case noAnswer(endpoint: String, seconds: Double, keyed: Bool)
        case closed

        public var description: String {
            switch self {
            case .noAnswer(let endpoint, let seconds, let keyed):
                "no answer from \(endpoint) within \(seconds) s; is the process (xk worker, xk coordinator) running there?"
                    + (keyed
                        ? " With keys: is this identity in its authorized.yaml and not revoked, and is the server key the one it runs with?"
                        : " If it runs with keys, give --keys DIR (or XK_KEYS): it answers no plaintext client.")
            case .closed:
                "the client was closed before the answer came"
            }
        }
    }

    public let endpoint: String
    private let mailbox: Mailbox<RequestClientLoop.Command>

    /// Connects to `endpoint`; `timeout` is in seconds, per request. With `curve`, as a CURVE client of the
    /// server holding `curve.serverPublicKey` (a server that refuses the key answers nothing: ``Failure/noAnswer``).
    public init(endpoint: String, timeout: Double = 5, curve: CurveClientKeys? = nil) throws {
        self.endpoint = endpoint
        mailbox = try Mailbox()
        let context = try ZMQContext()
        let loop = RequestClientLoop(endpoint: endpoint, timeout: timeout, curve: curve, context: context, mailbox: mailbox)
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
    public static func call(_ endpoint: String, _ body: [UInt8], timeout: Double = 5,
                            curve: CurveClientKeys? = nil) async throws -> [UInt8] {
        let client = try RequestClient(endpoint: endpoint, timeout: timeout, curve: curve)
        defer { client.close() }
        return try await client.call(body)
    }

    /// Stops the client's thread; waiting requests fail with `.closed`.
    public func close() { mailbox.post(.close) }

    deinit { mailbox.post(.close) }
}
