import Logging
import Majordomo
import ServiceLifecycle
import ZeroMQ

/// A Majordomo worker that serves one service, one request at a time, and survives the broker going
/// away (the zguide's Paranoid Pirate): it heartbeats — also while busy, so the broker can tell a long
/// job from a dead worker — and when the broker falls silent it reconnects with exponential backoff.
public final class MajordomoWorker: Service, Sendable {
    public struct Options: Sendable {
        public var dialect: Dialect = .rfc18
        /// Requests handled at once. Above 1, READY carries it as a credit (an xk extension that
        /// plain MDP brokers ignore, handing out one request at a time as usual).
        public var concurrency = 1
        public var heartbeatInterval: Duration = .milliseconds(2500)
        public var heartbeatLiveness = 3
        public var reconnectInitial: Duration = .milliseconds(250)
        public var reconnectMax: Duration = .seconds(30)
        /// With keys: this worker's pair and the dispatcher's public key (CurveZMQ).
        public var curve: CurveClientKeys?
        public init() {}
    }

    public typealias Handler = @Sendable (WorkerRequest) async throws -> [[UInt8]]

    public let endpoint: String
    public let service: String
    public let options: Options
    let handler: Handler
    let logger: Logger
    let mailbox: Mailbox<WorkerLoop.Command>

    public init(endpoint: String, service: String, options: Options = Options(),
                logger: Logger = Logger(label: "xk.worker"), handler: @escaping Handler) throws {
        self.endpoint = endpoint
        self.service = service
        self.options = options
        self.handler = handler
        self.logger = logger
        mailbox = try Mailbox()
    }

    /// Serves until `stop()`, cancellation or graceful shutdown; then says DISCONNECT to the broker.
    public func run() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let loop = WorkerLoop(worker: self, context: context)
        let mailbox = self.mailbox
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await SocketThread.run(name: "xk-worker") { loop.run() }
            } onCancel: {
                mailbox.post(.stop)
            }
        } onGracefulShutdown: {
            mailbox.post(.stop)
        }
    }

    public func stop() { mailbox.post(.stop) }
}
