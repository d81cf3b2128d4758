import Foundation
import Hummingbird
import Logging
import PageKit
import ServiceLifecycle
import XungKich

/// `xk web`: the district's dashboard for officers and viewers (overview, ward pages, needs-attention with
/// requeue and cancel), its JSON API, and the public Open311 GeoReport v2 feed. Server-rendered, Vietnamese
/// first, made for phones; reads the coordinator and acts through the dispatchers' `xk.admin`.
public enum WebApp {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        public var usersPath: String
        public var slaHours = 72.0

        public init(usersPath: String) { self.usersPath = usersPath }

        /// `HOST:PORT`, e.g. `127.0.0.1:8080` or `127.0.0.1:0` (a free port, for tests).
        public mutating func setAddress(_ address: String) throws(WebError) {
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  (0...65535).contains(port), colon > address.startIndex else { throw .badAddress(address) }
            host = String(address[..<colon])
            self.port = port
        }
    }

    /// The server in a `ServiceGroup` that stops gracefully on SIGTERM or SIGINT.
    public static func serviceGroup(backend: any WebBackend, configs: [DistrictConfig], options: Options,
                                    logger: Logger) -> ServiceGroup {
        let app = build(backend: backend, configs: configs, options: options, logger: logger)
        return ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }

    /// The server as a service for a `ServiceGroup`; it logs "web listening" with its address once bound.
    public static func build(backend: any WebBackend, configs: [DistrictConfig], options: Options,
                             logger: Logger) -> some ApplicationProtocol {
        let handlers = WebHandlers(
            backend: backend,
            data: DashboardData(cache: AnswerCache(backend: backend), configs: configs, slaHours: options.slaHours),
            sessions: SessionStore<WebUsers.Role>(), usersPath: options.usersPath, logger: logger,
            pages: RenderedCache(), answers: RenderedCache())
        let router = Router()
        router.get("/") { request, _ in try await handlers.overview(request) }
        router.get("/phuong/:code") { request, context in
            try await handlers.wardPage(request, code: context.parameters.get("code") ?? "")
        }
        router.get("/can-xu-ly") { request, _ in try await handlers.attentionPage(request) }
        router.post("/can-xu-ly/:id") { request, context in try await handlers.act(request, id: context.parameters.get("id") ?? "") }
        router.get("/dang-nhap") { request, _ in handlers.loginForm(request, message: nil) }
        router.post("/dang-nhap") { request, _ in try await handlers.login(request) }
        router.post("/dang-xuat") { request, _ in try await handlers.logout(request) }
        router.get("/ngon-ngu/:lang") { request, context in handlers.switchLanguage(request, to: context.parameters.get("lang") ?? "vi") }
        router.get("/api/v1/overview") { request, _ in try await handlers.apiOverview(request) }
        router.get("/api/v1/wards/:code") { request, context in try await handlers.apiWard(request, code: context.parameters.get("code") ?? "") }
        router.get("/api/v1/attention") { request, _ in try await handlers.apiAttention(request) }
        router.post("/api/v1/requests/:id/:action") { request, context in
            try await handlers.apiAct(request, id: context.parameters.get("id") ?? "", action: context.parameters.get("action") ?? "")
        }
        router.get("/open311/v2/services.json") { _, _ in handlers.open311Services() }
        router.get("/open311/v2/requests.json") { request, _ in await handlers.open311Requests(request) }
        router.get("/open311/v2/requests/:file") { _, context in await handlers.open311Request(file: context.parameters.get("file") ?? "") }
        return Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "xk-web"),
            onServerRunning: { channel in
                logger.info("web listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
            },
            logger: logger)
    }
}
