import Foundation
import Logging
import MajordomoPeers
import ServiceLifecycle
import ZeroMQ

/// The coordinator process: follows every district's events into the statistics store and answers
/// statistics queries (`xk stats`) on its own endpoint. Stops on graceful shutdown.
public final class CoordinatorService: Service, Sendable {
    public let core: CoordinatorCore
    let subscriber: EventSubscriber
    let server: RequestServer
    let logger: Logger

    public init(engine: StatsEngine, sources: [CoordinatorCore.Source], endpoint: String, logger: Logger) async throws {
        let core = try await CoordinatorCore(engine: engine, sources: sources, logger: logger)
        self.core = core
        self.logger = logger
        subscriber = try EventSubscriber(sources: sources, logger: logger)
        server = try RequestServer(endpoint: endpoint, logger: logger) { body in
            await StatsQuery.answer(body, engine: core.engine)
        }
    }

    /// The statistics endpoint, once bound.
    public func endpoint() async throws -> String { try await server.boundEndpoint() }

    public func run() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        let (subscriber, core, server) = (self.subscriber, self.core, self.server)
        let (stream, continuation) = AsyncStream.makeStream(of: (String, [CoordinatorEvent]).self, bufferingPolicy: .unbounded)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = await SocketThread.run(name: "xk-coordinator-sub") {
                    subscriber.run(context: context) { district, events in continuation.yield((district, events)) }
                }
                continuation.finish()
            }
            group.addTask {
                // Subscribed first, then caught up: live events that arrive during the replay are held.
                try await Task.sleep(for: .milliseconds(200))
                await core.start()
                for await (district, events) in stream { await core.live(events, district: district) }
            }
            group.addTask { try await server.run() }
            await withGracefulShutdownHandler {
                try? await group.next()
            } onGracefulShutdown: {
                subscriber.mailbox.post(.stop)
                server.stop()
            }
            subscriber.mailbox.post(.stop)
            server.stop()
            await core.shutdown()
            group.cancelAll()
        }
    }

    public func stop() {
        subscriber.mailbox.post(.stop)
        server.stop()
    }
}
