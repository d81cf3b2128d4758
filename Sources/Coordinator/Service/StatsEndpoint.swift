import Logging
import MajordomoPeers
import Security
import ServiceLifecycle
import XungKichWire
import ZeroMQ

/// The coordinator's statistics endpoint (`xk stats`, `xk stats contribution`, `xk baseline`): a
/// request/reply socket on its own thread whose every query ``StatsQuery`` answers from the engine. A service
/// of the coordinator's group; an address it cannot open ends the group with
/// ``CoordinatorError/endpointUnavailable(endpoint:reason:)``.
///
/// With keys (``StatsSecurity``) it is a CURVE server with the coordinator's key pair in a ZeroMQ context of
/// its own, whose ZAP handler is bound before the socket and proven to refuse a stranger's key
/// (``FailOpenGuard``) before anything is served; each query is then judged by ``StatsAccessPolicy`` from its
/// connection's ZAP user id and the registry as it is now, and a refusal is a `forbidden` answer and an audit
/// line (identity, role, report; never the query's content).
public final class StatsEndpoint: Service, Sendable {
    /// The address asked for, e.g. `tcp://127.0.0.1:5570` (port 0 picks a free one: see ``boundEndpoint()``).
    public let endpoint: String
    private let server: RequestServer
    private let security: StatsSecurity?
    private let logger: Logger

    /// An endpoint answering from `engine`, with keys when `security` is given; nothing is opened until ``run()``.
    /// `districts` are the codes of the districts the coordinator follows: a query for another is an error naming
    /// them, not an empty table (empty: no check).
    public init(endpoint: String, engine: StatsEngine, security: StatsSecurity? = nil, districts: [String] = [],
                logger: Logger) throws {
        self.endpoint = endpoint
        self.security = security
        self.logger = logger
        server = try RequestServer(endpoint: endpoint, curveSecretKey: security?.keyPair.secretKey,
                                   logger: logger) { body, userID in
            guard let registry = security?.registry else {
                return await StatsQuery.answer(body, engine: engine, districts: districts)
            }
            return await StatsQuery.answer(body, engine: engine, districts: districts) { report in
                Self.authorize(userID: userID, report: report, registry: registry, logger: logger)
            }
        }
    }

    /// The address actually bound, once listening.
    public func boundEndpoint() async throws -> String {
        do {
            return try await server.boundEndpoint()
        } catch let error as KeyError {
            throw error
        } catch {
            throw CoordinatorError.endpointUnavailable(endpoint: endpoint, reason: "\(error)")
        }
    }

    /// Answers queries until graceful shutdown (in a service group) or ``stop()``.
    ///
    /// - Throws: ``KeyError/failOpen(detail:)`` when keys are on and the authentication handler let a stranger
    ///   in (nothing is served), ``CoordinatorError/endpointUnavailable(endpoint:reason:)`` otherwise.
    public func run() async throws {
        let context = try ZMQContext()
        defer { context.terminate() }
        var zap: ZAPHandler?
        if let security {
            let handler = try ZAPHandler(registry: security.registry, logger: logger)
            do {
                try await handler.start(in: context)
                try await SocketThread.run(name: "xk-fail-open-guard") { () -> Result<Void, any Error> in
                    Result { try FailOpenGuard.check(context: context, serverKeys: security.keyPair) }
                }.get()
            } catch {
                handler.stop()
                server.failToStart(error)
                logger.critical("statistics endpoint not started: its authentication cannot be trusted",
                                metadata: ["error": "\(error)"])
                throw error
            }
            zap = handler
            logger.info("statistics endpoint keyed: CURVE, each query authorized by its key's role",
                        metadata: ["identities": "\(security.registry.snapshot.keys.keys.count)"])
        }
        defer { zap?.stop() }
        do {
            try await server.run(in: context)
        } catch {
            throw CoordinatorError.endpointUnavailable(endpoint: endpoint, reason: "\(error)")
        }
    }

    /// Stops answering; for an endpoint run outside a service group (the benchmark).
    public func stop() { server.stop() }

    /// One query's decision, with the audit line for a refusal.
    static func authorize(userID: String?, report: StatsQueryMessage.Report?, registry: KeyRegistry,
                          logger: Logger) -> WireError? {
        let identity = userID.flatMap(registry.identity(named:))
        guard case .refuse(let reason) = StatsAccessPolicy.decide(userID: userID, identity: identity, report: report)
        else { return nil }
        logger.warning("audit: query refused", metadata: [
            "identity": "\(userID ?? "-")", "role": "\(identity?.role.rawValue ?? "-")",
            "report": "\(report?.rawValue ?? "unreadable")", "reason": "\(reason)",
        ])
        return WireError(.forbidden, "\(reason); ask the district's IT officer for a key with that role")
    }
}
