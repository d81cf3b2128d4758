import Logging
import Security
import ServiceLifecycle
import ZeroMQ

/// The dispatcher as a swift-service-lifecycle `Service`: runs the broker loop on its own thread and
/// stops it cleanly on graceful shutdown (SIGTERM/SIGINT through a `ServiceGroup`) or cancellation.
public final class DispatcherService: Service, Sendable {
    public let options: DispatcherOptions
    private let logger: Logger
    private let mailbox: Mailbox<BrokerLoop.Command>
    private let bound = AsyncPromise<String>()

    public init(options: DispatcherOptions, logger: Logger = Logger(label: "xk.dispatcher")) throws {
        self.options = options
        self.logger = logger
        mailbox = try Mailbox()
    }

    /// The endpoint the dispatcher listens on, once bound (with the real port for `:0`).
    /// Throws the bind error if the dispatcher could not start.
    public func endpoint() async throws -> String { try await bound.value() }

    /// Asks the loop to stop; `run()` then returns.
    public func stop() { mailbox.post(.stop) }

    public func run() async throws {
        let context = try ZMQContext(ioThreads: Int32(options.ioThreads))
        defer { context.terminate() }
        // With keys, the context's ZAP handler runs before any CURVE socket binds, and is proven to refuse a
        // stranger's key before the dispatcher serves (libzmq lets every key in when no handler answers).
        var zap: ZAPHandler?
        if let security = options.security {
            let handler = try ZAPHandler(registry: security.registry, logger: logger)
            do {
                try await handler.start(in: context)
                try FailOpenGuard.check(context: context, serverKeys: security.keyPair)
            } catch {
                handler.stop()
                bound.fail(error)
                throw error
            }
            zap = handler
        }
        defer { zap?.stop() }
        let (options, logger, mailbox, bound) = (self.options, self.logger, self.mailbox, self.bound)
        let result: Result<Void, any Error> = await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await SocketThread.run(name: "xk-dispatcher") { () -> Result<Void, any Error> in
                    do {
                        let loop = try BrokerLoop(context: context, mailbox: mailbox, options: options, logger: logger)
                        let endpoint = try loop.boundEndpoint()
                        logger.info("dispatcher listening", metadata: ["endpoint": "\(endpoint)"])
                        if options.durable == nil {
                            logger.notice("""
                                no --data: this dispatcher takes no help requests (xk.submit, xk.status and xk.admin are \
                                answered "unavailable"); it routes Majordomo requests between clients and workers only
                                """)
                        }
                        bound.succeed(endpoint)
                        if let error = loop.run() { return .failure(error) }
                        logger.info("dispatcher stopped")
                        return .success(())
                    } catch {
                        bound.fail(error)
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
