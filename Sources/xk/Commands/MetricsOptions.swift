import ArgumentParser
import CoreMetrics
import Logging
import ServiceLifecycle
import Telemetry

/// `--metrics HOST:PORT`, shared by the daemons: off unless given, loopback unless `--metrics-allow-remote`.
struct MetricsOptions: ParsableArguments {
    @Option(name: .customLong("metrics"),
            help: "Serve Prometheus metrics at http://HOST:PORT/metrics, e.g. 127.0.0.1:9464 (off unless given; loopback only unless --metrics-allow-remote).")
    var address: String?

    @Flag(name: .customLong("metrics-allow-remote"),
          help: "Let --metrics listen beyond loopback (only behind a firewall that admits the Prometheus server alone: the page has no login).")
    var allowRemote = false

    func validate() throws {
        guard let address else {
            if allowRemote { throw ValidationError("--metrics-allow-remote needs --metrics HOST:PORT") }
            return
        }
        do {
            _ = try MetricsAddress(parsing: address, allowRemote: allowRemote)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The registry the daemon's instruments write into and the listener that serves it; nil without `--metrics`.
    func start(logger: Logger) throws -> (factory: any MetricsFactory, server: any Service)? {
        guard let address else { return nil }
        let parsed: MetricsAddress
        do {
            parsed = try MetricsAddress(parsing: address, allowRemote: allowRemote)
        } catch {
            throw ValidationError(error.description)
        }
        let metrics = MetricsRegistry()
        return (metrics.factory, MetricsServer.build(address: parsed, metrics: metrics, logger: logger))
    }
}
