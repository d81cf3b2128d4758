import CoreMetrics
import Logging
import ServiceLifecycle

/// Builds the coordinator process the way `xk coordinator` runs it and tests start it: the fact store, the
/// statistics engine loaded from it, and a `ServiceGroup` of its parts, which stops on SIGTERM/SIGINT.
///
/// The parts, in start order (the group shuts them down in reverse):
/// 1. the store (``FactStoreService``), closed last;
/// 2. the statistics endpoint (``StatsEndpoint``) for `xk stats`;
/// 3. the subscriber to every dispatcher's events (``EventSubscriber``);
/// 4. the follower (``FollowerService``): catch-up, live events, the periodic check.
///
/// Any part that returns or throws shuts the whole group down gracefully, and its error is what
/// `ServiceGroup.run()` throws: a coordinator whose endpoint cannot bind or whose subscription failed exits
/// non-zero with the cause, instead of running on without it.
public enum CoordinatorApp {
    /// What a coordinator follows, where it keeps its facts and where it answers.
    public struct Options: Sendable {
        /// One per district, each with its dispatcher and its events endpoint.
        public var sources: [CoordinatorCore.Source]
        /// Where the facts are kept (`--store`).
        public var store: FactStoreLocation
        /// The statistics endpoint, e.g. `tcp://127.0.0.1:5570`.
        public var endpoint: String
        /// How often every dispatcher is asked for events the coordinator may have missed: one small
        /// `xk.events` request per district.
        public var checkInterval: Duration = .seconds(5)
        /// With keys: the statistics endpoint is a CURVE server with the coordinator's pair, authorizing each
        /// query by its key's role (``StatsEndpoint``). Following the dispatchers is keyed by each source's `curve`.
        public var security: StatsSecurity?
        /// Where the coordinator's Prometheus metrics go (`--metrics`); nil measures nothing.
        public var metrics: (any MetricsFactory)?
        /// More services of the coordinator's group (the metrics listener), stopped with it.
        public var alongside: [any Service] = []
        /// Places facts of an earlier release (ward code only) in their unit; see ``StatsEngine/UnitOf``.
        public var unitOf: StatsEngine.UnitOf?

        /// Creates options with the default check interval.
        public init(sources: [CoordinatorCore.Source], store: FactStoreLocation, endpoint: String) {
            self.sources = sources
            self.store = store
            self.endpoint = endpoint
        }
    }

    /// Opens the store, loads the statistics and assembles the group; nothing listens or follows until the
    /// group runs.
    ///
    /// - Returns: the group to run, the core (for its engine) and the statistics endpoint (for the address
    ///   it bound, when asked for port 0).
    /// - Throws: ``CoordinatorError`` or ``PostgresStoreError`` when the store cannot be opened or read.
    public static func build(options: Options, logger: Logger) async throws
        -> (group: ServiceGroup, core: CoordinatorCore, endpoint: StatsEndpoint)
    {
        let started = ContinuousClock.now
        let opened = try await options.store.open(logger: logger)
        var core: CoordinatorCore?
        do {
            let engine = try await StatsEngine(store: opened.store, unitOf: options.unitOf)
            let loaded = await engine.factCount
            logger.info("statistics loaded", metadata: [
                "requests": "\(loaded)", "seconds": "\((ContinuousClock.now - started).components.seconds)",
            ])
            let following = try await CoordinatorCore(engine: engine, sources: options.sources, logger: logger)
            core = following
            let (batches, continuation) = AsyncStream.makeStream(of: EventBatch.self, bufferingPolicy: .unbounded)
            let endpoint = try StatsEndpoint(endpoint: options.endpoint, engine: engine, security: options.security,
                                             districts: options.sources.map(\.district), logger: logger)
            var parts: [any Service] = [
                FactStoreService(close: opened.close),
                endpoint,
                try EventSubscriber(sources: options.sources, batches: continuation, logger: logger),
                FollowerService(core: following, batches: batches, checkInterval: options.checkInterval),
            ]
            if let factory = options.metrics {
                parts.append(CoordinatorMetrics(core: following, districts: options.sources.map(\.district),
                                                factory: factory))
            }
            parts += options.alongside
            let group = ServiceGroup(configuration: .init(
                services: parts.map {
                    .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                          failureTerminationBehavior: .gracefullyShutdownGroup)
                },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
            logger.info("coordinator starting", metadata: [
                "districts": "\(options.sources.map(\.district).joined(separator: ","))",
                "store": "\(options.store)", "endpoint": "\(options.endpoint)",
                "keys": "\(options.security == nil ? "off" : "on")",
            ])
            return (group, following, endpoint)
        } catch {
            // Nothing will run: the dispatcher clients' threads and the store are let go now.
            core?.stop()
            await opened.close()
            throw error
        }
    }
}
