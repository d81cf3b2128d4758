import Logging
import ServiceLifecycle
import ZeroMQ

/// A plain request/reply endpoint beside Majordomo: a ROUTER on its own thread; each request (one
/// frame, sent by a DEALER after an empty delimiter, or by a REQ) is answered by an async handler.
/// Used where a service must answer without going through a dispatcher: a ward worker's team-member
/// commands (they keep working while the dispatcher is away), a coordinator's statistics.
///
/// With a CURVE secret key the ROUTER is a CURVE server: the context it runs in must have a ZAP handler
/// bound first (see ``run(in:)``), and the handler is given the ZAP user id of each request's connection.
public final class RequestServer: Service, Sendable {
    /// Answers one request body.
    public typealias Handler = @Sendable ([UInt8]) async -> [UInt8]
    /// Answers one request body, knowing the ZAP user id its connection was authenticated as (nil without CURVE).
    public typealias AuthenticatedHandler = @Sendable (_ body: [UInt8], _ userID: String?) async -> [UInt8]

    enum Command: Sendable {
        case reply(peer: [UInt8], body: [UInt8])
        case stop
    }

    public let endpoint: String
    private let curveSecretKey: String?
    private let handler: AuthenticatedHandler
    private let logger: Logger
    private let mailbox: Mailbox<Command>
    private let bound = AsyncPromise<String>()

    /// A plaintext endpoint.
    public convenience init(endpoint: String, logger: Logger, handler: @escaping Handler) throws {
        try self.init(endpoint: endpoint, curveSecretKey: nil, logger: logger) { body, _ in await handler(body) }
    }

    /// An endpoint that is a CURVE server with `curveSecretKey` (Z85), or plaintext when it is nil.
    public init(endpoint: String, curveSecretKey: String?, logger: Logger,
                handler: @escaping AuthenticatedHandler) throws {
        self.endpoint = endpoint
        self.curveSecretKey = curveSecretKey
        self.handler = handler
        self.logger = logger
        mailbox = try Mailbox()
    }

    /// The bound endpoint, once listening.
    public func boundEndpoint() async throws -> String { try await bound.value() }

    /// Reports a failure to start to whoever waits in ``boundEndpoint()`` (e.g. the owner's ZAP handler did
    /// not start, so the endpoint never binds).
    public func failToStart(_ error: any Error) { bound.fail(error) }

    public func stop() { mailbox.post(.stop) }

    /// Serves in a context of its own (plaintext endpoints: nothing else needs the context).
    public func run() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        try await run(in: context)
    }

    /// Serves in `context`, which the caller owns and terminates afterwards. With CURVE, the context's ZAP
    /// handler must already be bound (libzmq lets every key in when none answers).
    public func run(in context: ZMQContext) async throws {
        let (endpoint, curveSecretKey, handler, logger, mailbox, bound) =
            (self.endpoint, self.curveSecretKey, self.handler, self.logger, self.mailbox, self.bound)
        // Stopped on graceful shutdown and on cancellation too: a group cancels its services when one of them fails
        // (a listener that cannot bind), and a server that missed that kept its process alive with nothing to do.
        let result: Result<Void, any Error> = await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await SocketThread.run(name: "xk-request-server") { () -> Result<Void, any Error> in
                    do {
                        let socket = try ZMQSocket(context, .router)
                        defer { socket.close() }
                        if let curveSecretKey { try socket.secure(asServerWith: curveSecretKey) }
                        try socket.bind(endpoint)
                        bound.succeed(try socket.lastEndpoint())
                        var poller = Poller()
                        let socketIndex = poller.add(socket)
                        let mailboxIndex = poller.add(fileDescriptor: mailbox.fileDescriptor)
                        while true {
                            try poller.poll(timeoutMilliseconds: -1)
                            if poller.isReadable(mailboxIndex) {
                                for command in mailbox.drain() {
                                    switch command {
                                    case .stop: return .success(())
                                    case .reply(let peer, let body): _ = try? socket.send([peer, [], body], dontWait: true)
                                    }
                                }
                            }
                            guard poller.isReadable(socketIndex) else { continue }
                            let keyed = curveSecretKey != nil
                            while let (frames, userID) = try keyed ? socket.receiveWithUserID(dontWait: true)
                                : socket.receive(dontWait: true).map({ ($0, nil) }) {
                                // [peer, "", body]: what a DEALER sends with an empty delimiter (a REQ does too).
                                guard frames.count == 3, frames[1].isEmpty else { continue }
                                let (peer, body) = (frames[0], frames[2])
                                Task { mailbox.post(.reply(peer: peer, body: await handler(body, userID))) }
                            }
                        }
                    } catch {
                        bound.fail(error)
                        logger.error("request endpoint failed", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
                        return .failure(error)
                    }
                }
            } onCancel: {
                mailbox.post(.stop)
            }
        } onGracefulShutdown: {
            mailbox.post(.stop)
        }
        try result.get()
    }
}
