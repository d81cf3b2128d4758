import Logging
import ServiceLifecycle
import ZeroMQ

/// A plain request/reply endpoint beside Majordomo: a ROUTER on its own thread; each request (one
/// frame, sent by a DEALER after an empty delimiter, or by a REQ) is answered by an async handler.
/// Used where a service must answer without going through a dispatcher: a ward worker's team-member
/// commands (they keep working while the dispatcher is away), a coordinator's statistics.
public final class RequestServer: Service, Sendable {
    public typealias Handler = @Sendable ([UInt8]) async -> [UInt8]

    enum Command: Sendable {
        case reply(peer: [UInt8], body: [UInt8])
        case stop
    }

    public let endpoint: String
    private let handler: Handler
    private let logger: Logger
    private let mailbox: Mailbox<Command>
    private let bound = AsyncPromise<String>()

    public init(endpoint: String, logger: Logger, handler: @escaping Handler) throws {
        self.endpoint = endpoint
        self.handler = handler
        self.logger = logger
        mailbox = try Mailbox()
    }

    /// The bound endpoint, once listening.
    public func boundEndpoint() async throws -> String { try await bound.value() }

    public func stop() { mailbox.post(.stop) }

    public func run() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let (endpoint, handler, logger, mailbox, bound) = (self.endpoint, self.handler, self.logger, self.mailbox, self.bound)
        let result: Result<Void, any Error> = await withGracefulShutdownHandler {
            await SocketThread.run(name: "xk-request-server") { () -> Result<Void, any Error> in
                do {
                    let socket = try ZMQSocket(context, .router)
                    defer { socket.close() }
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
                        while let frames = try socket.receive(dontWait: true) {
                            // [peer, "", body]: what a DEALER sends with an empty delimiter (a REQ does too).
                            guard frames.count == 3, frames[1].isEmpty else { continue }
                            let (peer, body) = (frames[0], frames[2])
                            Task { mailbox.post(.reply(peer: peer, body: await handler(body))) }
                        }
                    }
                } catch {
                    bound.fail(error)
                    logger.error("request endpoint failed", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
                    return .failure(error)
                }
            }
        } onGracefulShutdown: {
            mailbox.post(.stop)
        }
        try result.get()
    }
}
