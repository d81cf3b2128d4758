import CoreMetrics
import ServiceLifecycle

/// The coordinator's Prometheus metrics (`--metrics`), sampled once a second: per district, the last event applied,
/// the newest the dispatcher is known to have, the lag between them, and the requests the statistics hold.
final class CoordinatorMetrics: Service, Sendable {
    static let interval: Duration = .seconds(1)

    private let core: CoordinatorCore
    private let districts: [String]
    private let applied: [String: Gauge]
    private let known: [String: Gauge]
    private let lag: [String: Gauge]
    private let requests: Gauge

    init(core: CoordinatorCore, districts: [String], factory: any MetricsFactory) {
        self.core = core
        self.districts = districts
        func gauges(_ name: String) -> [String: Gauge] {
            Dictionary(uniqueKeysWithValues: districts.map {
                ($0, Gauge(label: name, dimensions: [("district", $0)], factory: factory))
            })
        }
        applied = gauges("xk_coordinator_applied_event_seq")
        known = gauges("xk_coordinator_dispatcher_event_seq")
        lag = gauges("xk_coordinator_lag_events")
        requests = Gauge(label: "xk_coordinator_requests", factory: factory)
        for gauge in Array(applied.values) + Array(known.values) + Array(lag.values) { gauge.record(0) }
        requests.record(0)
    }

    func run() async throws {
        // Ends quietly on shutdown: a sampler is not a part whose stopping is news.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.sample()
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    func sample() async {
        let sequences = await core.engine.lastSequences()
        let newest = await core.dispatcherSequences
        for district in districts {
            let done = sequences[district] ?? 0
            let there = max(newest[district] ?? 0, done)
            applied[district]?.record(Double(done))
            known[district]?.record(Double(there))
            lag[district]?.record(Double(there - done))
        }
        requests.record(Double(await core.engine.factCount))
    }
}
