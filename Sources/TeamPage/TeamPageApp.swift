import PageKit
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import WardWorker
import XungKich
import XungKichWire

/// The page a ward's worker serves to its team members' phones: log in, see the team's open cases most urgent
/// first, open one to see everything the request says and call the citizen (`tel:`), and move it along with
/// the same steps as `xk case …`. Every step records the member; every view of a citizen's phone is audited.
/// It is served by the ward's worker, which owns the cases, so it keeps working while the dispatcher is away.
public enum TeamPageApp {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        public var slaHours = 72.0

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// `HOST:PORT`, e.g. `0.0.0.0:8286` (the ward's Wi-Fi) or `127.0.0.1:0` (a free port, for tests).
        public init?(address: String) {
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  (0...65535).contains(port) else { return nil }
            self.init(host: String(address[..<colon]), port: port)
        }
    }

    static let cookie = "xk_phien"

    /// The page as a service of the worker's group; it logs "team page listening" with its address once bound.
    public static func build(book: CaseBook, config: DistrictConfig, ward: WardCode, options: Options,
                             logger: Logger) -> some ApplicationProtocol {
        let sessions = SessionStore()
        let handlers = Handlers(book: book, config: config, ward: ward, sessions: sessions, options: options, logger: logger)
        let router = Router()
        router.get("/") { request, _ in await handlers.list(request) }
        router.get("/dang-nhap") { _, _ in handlers.loginForm(message: nil) }
        router.post("/dang-nhap") { request, _ in try await handlers.login(request) }
        router.post("/dang-xuat") { request, _ in await handlers.logout(request) }
        router.get("/ho-so/:id") { request, context in
            await handlers.show(request, id: XungKich.RequestID(context.parameters.get("id") ?? ""), message: nil)
        }
        router.post("/ho-so/:id") { request, context in
            try await handlers.step(request, id: XungKich.RequestID(context.parameters.get("id") ?? ""))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "xk-team-page"),
            onServerRunning: { channel in
                logger.info("team page listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
            },
            logger: logger)
    }
}
