import Logging
import ZeroMQ

/// The ZAP handler (RFC 27) of one ZeroMQ context: every CURVE handshake on the context's server sockets asks
/// it whether the client's public key is one of the district's, and it answers 200 with the identity's name as
/// the user id (which libzmq then attaches to each of that connection's messages) or 400. It runs on its own
/// thread; it must be bound before any CURVE socket of the context binds, or libzmq lets every key in.
public final class ZAPHandler: Sendable {
    enum Command: Sendable { case stop }

    private let registry: KeyRegistry
    private let logger: Logger
    private let mailbox: Mailbox<Command>
    private let bound = AsyncPromise<Void>()

    public init(registry: KeyRegistry, logger: Logger) throws {
        self.registry = registry
        self.logger = logger
        mailbox = try Mailbox()
    }

    /// Binds the handler in `context` and serves on a thread of its own; returns once bound.
    public func start(in context: ZMQContext) async throws {
        let (registry, logger, mailbox, bound) = (self.registry, self.logger, self.mailbox, self.bound)
        SocketThread.start(name: "xk-zap") {
            do {
                let socket = try ZMQSocket(context, .rep)
                defer { socket.close() }
                try socket.set(.linger(milliseconds: 0))
                try socket.bind("inproc://zeromq.zap.01")
                bound.succeed(())
                var poller = Poller()
                let socketIndex = poller.add(socket)
                let mailboxIndex = poller.add(fileDescriptor: mailbox.fileDescriptor)
                while true {
                    try poller.poll(timeoutMilliseconds: -1)
                    if poller.isReadable(mailboxIndex), !mailbox.drain().isEmpty { return }
                    guard poller.isReadable(socketIndex), let request = try socket.receive(dontWait: true) else { continue }
                    try socket.send(Self.answer(request, registry: registry, logger: logger))
                }
            } catch let error as ZMQError where error.isContextTerminated {
                // The owner terminated the context while stopping (before the handler read its stop): no new
                // connection can come in either way, so this is a stop, not a failure.
                bound.fail(error)
            } catch {
                bound.fail(error)
                logger.critical("authentication handler stopped; no new connection can be authenticated",
                                metadata: ["error": "\(error)"])
            }
        }
        try await bound.value()
    }

    public func stop() { mailbox.post(.stop) }

    /// The ZAP reply to one request: version, request id, domain, address, routing id, mechanism, credentials.
    static func answer(_ request: [[UInt8]], registry: KeyRegistry, logger: Logger) -> [[UInt8]] {
        let requestID = request.count > 1 ? request[1] : []
        func reply(_ status: String, _ text: String, _ user: String = "") -> [[UInt8]] {
            [Array("1.0".utf8), requestID, Array(status.utf8), Array(text.utf8), Array(user.utf8), []]
        }
        guard request.count >= 7, request[0] == Array("1.0".utf8),
              String(decoding: request[5], as: UTF8.self) == "CURVE", request[6].count == 32
        else {
            logger.warning("refused a connection: not a CURVE handshake")
            return reply("400", "CURVE only")
        }
        let address = String(decoding: request[3], as: UTF8.self)
        guard let publicKey = Z85.encode(request[6]), let identity = registry.identity(publicKey: publicKey) else {
            logger.warning("refused a connection with an unknown or revoked key", metadata: ["address": "\(address)"])
            return reply("400", "unknown or revoked key")
        }
        logger.info("connection authenticated", metadata: ["identity": "\(identity.name)", "role": "\(identity.role.rawValue)",
                                                          "address": "\(address)"])
        return reply("200", "OK", identity.name)
    }
}
