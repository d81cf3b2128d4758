import Coordinator
import Foundation
import Logging
import Testing

/// The coordinator process as `xk coordinator` runs it: a part that fails ends the whole group with its
/// cause; a graceful shutdown ends it without error.
@Suite("The coordinator's service group")
struct CoordinatorAppTests {
    private static var quiet: Logger {
        var logger = Logger(label: "xk.test.coordinator")
        logger.logLevel = .critical
        return logger
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xk-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a statistics endpoint whose address is taken ends the group with the address named; the other stops cleanly")
    func endpointInUse() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try await CoordinatorApp.build(
            options: .init(sources: [], store: .sqlite(path: dir.appendingPathComponent("a.sqlite").path),
                           endpoint: "tcp://127.0.0.1:0"),
            logger: Self.quiet)
        let running = Task { try await first.group.run() }
        let address = try await first.endpoint.boundEndpoint()

        let second = try await CoordinatorApp.build(
            options: .init(sources: [], store: .sqlite(path: dir.appendingPathComponent("b.sqlite").path), endpoint: address),
            logger: Self.quiet)
        do {
            try await second.group.run()
            Issue.record("a second coordinator ran on \(address)")
        } catch let error as CoordinatorError {
            guard case .endpointUnavailable(let endpoint, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(endpoint == address)
            #expect(error.description.contains(address) && error.description.contains("--endpoint"))
        }

        await first.group.triggerGracefulShutdown()
        try await running.value
    }

    @Test("an events address that cannot be followed ends the group with the district and the address")
    func badEventsAddress() async throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = CoordinatorCore.Source(district: "007", dispatcher: "tcp://127.0.0.1:9", events: "bogus://nowhere")
        let app = try await CoordinatorApp.build(
            options: .init(sources: [source], store: .sqlite(path: dir.appendingPathComponent("s.sqlite").path),
                           endpoint: "tcp://127.0.0.1:0"),
            logger: Self.quiet)
        do {
            try await app.group.run()
            Issue.record("the coordinator ran without its events")
        } catch let error as CoordinatorError {
            guard case .eventsUnavailable(let district, let endpoint, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(district == "007" && endpoint == "bogus://nowhere")
            #expect(error.description.contains("--events"))
        }
    }

    @Test("--store values: sqlite:PATH, a PostgreSQL URL, anything else refused")
    func storeLocations() throws {
        #expect(try FactStoreLocation(parsing: "sqlite:data/c.sqlite") == .sqlite(path: "data/c.sqlite"))
        #expect(try FactStoreLocation(parsing: "postgres://xk:secret@db:5432/xk").description == "postgres://xk:***@db:5432/xk")
        #expect(throws: CoordinatorError.badStoreLocation("mysql://db")) { try FactStoreLocation(parsing: "mysql://db") }
        #expect(throws: CoordinatorError.badStoreLocation("sqlite:")) { try FactStoreLocation(parsing: "sqlite:") }
    }
}
