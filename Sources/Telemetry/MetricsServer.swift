import Hummingbird
import Logging

/// `/metrics` over HTTP for Prometheus, as a service of a daemon's group (it stops with the daemon). Only that
/// path is served; anything else is 404.
public enum MetricsServer {
    /// The exposition format's content type; Prometheus picks its parser from it.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Builds the listener; it logs "metrics listening" with the bound address (the real port for port 0).
    public static func build(address: MetricsAddress, metrics: MetricsRegistry, logger: Logger) -> some ApplicationProtocol {
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
}
