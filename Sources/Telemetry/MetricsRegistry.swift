import CoreMetrics
import Prometheus

/// One process's metrics: a Prometheus registry and the swift-metrics factory that writes into it. The roles make
/// their instruments with ``factory`` (never the global `MetricsSystem`, so tests can run several roles in one
/// process), and ``MetricsServer`` serves ``registry`` as `/metrics`.
public struct MetricsRegistry: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: any MetricsFactory

    /// Timers whose buckets are set here, by name, in seconds; any other timer gets swift-prometheus' defaults.
    public init(durationBuckets: [String: [Duration]] = MetricsRegistry.durationBuckets) {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = durationBuckets
        self.registry = registry
        self.factory = factory
    }

    /// The journal's commit is one fsync: a quarter of a millisecond on a good SSD, tens of milliseconds on a
    /// tired disk; above a second something is wrong.
    public static let durationBuckets: [String: [Duration]] = [
        "xk_dispatcher_journal_commit_duration_seconds": [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1),
        ]
    ]

    /// The text Prometheus scrapes (exposition format 0.0.4), each metric with its `# HELP` line.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 << 10)
        registry.emit(into: &buffer)
        return MetricHelp.adding(to: buffer)
    }
}
