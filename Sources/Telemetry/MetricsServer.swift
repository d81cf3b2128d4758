import Hummingbird
import Logging
import ServiceLifecycle

/// `/metrics` over HTTP for Prometheus, as a service of a daemon's group (it stops with the daemon). Only that
/// path is served; anything else is 404.
public enum MetricsServer {
    /// The exposition format's content type; Prometheus picks its parser from it.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Builds the listener; it logs "metrics listening" with the bound address (the real port for port 0). A port
    /// it cannot bind stops the daemon with ``MetricsServerError``, which says what to do.
    public static func build(address: MetricsAddress, metrics: MetricsRegistry, logger: Logger) -> any Service {
        Listener(app: application(address: address, metrics: metrics, logger: logger), address: address)
    }

    static func application(address: MetricsAddress, metrics: MetricsRegistry, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            let body = metrics.exposition()
            return Response(status: .ok, headers: [.contentType: contentType],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "xk-metrics"),
            onServerRunning: { channel in
                logger.info("metrics listening", metadata: [
                    "address": "\(channel.localAddress.map { "\($0)" } ?? "?")", "path": "/metrics",
                ])
            },
            logger: logger)
    }

    /// The application as the daemon's service, its failure in the operator's words.
    struct Listener<App: ApplicationProtocol>: Service {
        let app: App
        let address: MetricsAddress

        func run() async throws {
            do {
                try await app.run()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw MetricsServerError.stopped(address: address, reason: "\(error)")
            }
        }
    }
}

/// Why the metrics listener stopped its daemon.
public enum MetricsServerError: Error, CustomStringConvertible {
    case stopped(address: MetricsAddress, reason: String)

    public var description: String {
        switch self {
        case .stopped(let address, let reason):
            "the metrics listener on \(address) stopped (\(reason)); if another program uses that port, give --metrics "
                + "another one (each service on a server needs its own)"
        }
    }
}
