import Coordinator
import Foundation
import Logging
import MajordomoPeers
import Security
import Testing
import XungKichWire
import ZeroMQ

/// The coordinator's statistics endpoint with keys, in process over loopback tcp: a CURVE server that answers
/// readers' keys, refuses other roles with `forbidden`, and gives strangers and plaintext clients nothing.
@Suite("The keyed statistics endpoint")
struct KeyedStatsEndpointTests {
    private static var quiet: Logger {
        var logger = Logger(label: "xk.test.keyed-stats")
        logger.logLevel = .critical
        return logger
    }

    @Test("viewer answered, intake forbidden, stranger and plaintext unanswered, revoked refused on its open connection")
    func rolesAndStrangers() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xk-keyed-stats-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = KeyFolder(path: dir.appendingPathComponent("keys").path)
        for (name, role) in [("coordinator", Role.coordinator), ("viewer", .viewer), ("intake", .intake)] {
            _ = try folder.add(name: name, role: role, ward: nil, config: nil)
        }
        var options = CoordinatorApp.Options(sources: [], store: .sqlite(path: dir.appendingPathComponent("s.sqlite").path),
                                             endpoint: "tcp://127.0.0.1:0")
        let registry = try KeyRegistry(path: folder.authorizedPath)
        options.security = StatsSecurity(keyPair: try folder.keyPair(named: "coordinator"), registry: registry)
        let app = try await CoordinatorApp.build(options: options, logger: Self.quiet)
        let running = Task { try await app.group.run() }
        defer { running.cancel() }
        let address = try await app.endpoint.boundEndpoint()
        let server = try folder.publicKey(of: "coordinator")
        let query = WireJSON.encode(StatsQueryMessage(report: .stats, by: .ward))
        func keys(_ name: String) throws -> CurveClientKeys {
            CurveClientKeys(own: try folder.keyPair(named: name), serverPublicKey: server)
        }

        let viewer = try RequestClient(endpoint: address, timeout: 3, curve: try keys("viewer"))
        defer { viewer.close() }
        _ = try WireJSON.decodeReply(StatsAnswer.self, from: try await viewer.call(query))

        let intake = try await RequestClient.call(address, query, timeout: 3, curve: try keys("intake"))
        #expect(Self.refusal(intake)?.code == .forbidden)

        let stranger = CurveClientKeys(own: try CurveKeyPair.generate(), serverPublicKey: server)
        await #expect(throws: RequestClient.Failure.self) {
            try await RequestClient.call(address, query, timeout: 1, curve: stranger)
        }
        await #expect(throws: RequestClient.Failure.self) { try await RequestClient.call(address, query, timeout: 1) }

        _ = try folder.revoke(name: "viewer")
        registry.reload()
        let refused = try await viewer.call(query)
        #expect(Self.refusal(refused)?.code == .forbidden)

        await app.group.triggerGracefulShutdown()
        try await running.value
    }

    /// The error an answer carries, nil for an answer that is not one.
    private static func refusal(_ answer: [UInt8]) -> WireError? {
        do throws(WireError) {
            _ = try WireJSON.decodeReply(StatsAnswer.self, from: answer)
            return nil
        } catch {
            return error
        }
    }
}
