import Logging
import MajordomoPeers
import ServiceLifecycle

/// The coordinator's statistics endpoint (`xk stats`, `xk stats contribution`, `xk baseline`): a
/// request/reply socket on its own thread whose every query ``StatsQuery`` answers from the engine. A service
/// of the coordinator's group; an address it cannot open ends the group with
/// ``CoordinatorError/endpointUnavailable(endpoint:reason:)``.
public final class StatsEndpoint: Service, Sendable {
    /// The address asked for, e.g. `tcp://127.0.0.1:5570` (port 0 picks a free one: see ``boundEndpoint()``).
    public let endpoint: String
    private let server: RequestServer

    /// An endpoint answering from `engine`; nothing is opened until ``run()``.
    public init(endpoint: String, engine: StatsEngine, logger: Logger) throws {
        self.endpoint = endpoint
        server = try RequestServer(endpoint: endpoint, logger: logger) { body in
            await StatsQuery.answer(body, engine: engine)
        }
    }

    /// The address actually bound, once listening.
    public func boundEndpoint() async throws -> String {
        do {
            return try await server.boundEndpoint()
        } catch {
            throw CoordinatorError.endpointUnavailable(endpoint: endpoint, reason: "\(error)")
        }
    }

    /// Answers queries until graceful shutdown (in a service group) or ``stop()``.
    public func run() async throws {
        do {
            try await server.run()
        } catch {
            throw CoordinatorError.endpointUnavailable(endpoint: endpoint, reason: "\(error)")
        }
    }

    /// Stops answering; for an endpoint run outside a service group (the benchmark).
    public func stop() { server.stop() }
}
