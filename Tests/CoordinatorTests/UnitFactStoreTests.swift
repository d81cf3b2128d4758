@testable import Coordinator
import Foundation
import Testing
import XungKich

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The units of old facts are filled in by the engine through the store's own commit, so every store is tested,
/// PostgreSQL too (with `XK_TEST_POSTGRES_URL`, as scripts/test sets it).
@Suite("Units in every fact store")
struct UnitFactStoreTests {
    @Test("facts stored by a code-only release are placed in their units once and written back, in every durable store",
          arguments: TestStore.durable)
    func placedOnce(_ backend: TestStore) async throws {
        let config = try DistrictConfig.load(path: packageRoot.appendingPathComponent("config/ha-noi.yaml").path)
        let june2024 = try #require(HanoiDate.startOfDay("2024-06-01")).timeIntervalSince1970
        let jan2026 = try #require(HanoiDate.startOfDay("2026-01-10")).timeIntervalSince1970
        let unitOf: StatsEngine.UnitOf = { district, code, at in
            config.filedUnit(code: code, at: at, jurisdiction: district)?.key.text
        }
        try await backend.withStore { opened in
            // Hai Bà Trưng's dispatcher (007) of the code-only release kept the code alone, even in 2026;
            // a fact of today's dispatcher (01) has its unit already.
            var leDaiHanh = RequestFact(district: "007", requestID: "007-0000001", ward: "00256")
            leDaiHanh.receivedAt = jan2026
            var dongNhan = RequestFact(district: "007", requestID: "007-0000002", ward: "00259")
            dongNhan.receivedAt = june2024
            var haiBaTrung = RequestFact(district: "01", requestID: "01-0000003", ward: "00256@2025-07-01")
            haiBaTrung.receivedAt = jan2026
            try await opened.store.commit([leDaiHanh, dongNhan, haiBaTrung], sequences: ["007": 2, "01": 3])

            let engine = try await StatsEngine(store: opened.store, unitOf: unitOf)
            let expected = ["00256@2020-01-01", "00256@2025-07-01", "00259@2020-01-01"]
            #expect(await engine.stats(StatsRequest(groupBy: .ward)).map(\.key) == expected)
            if let postgres = opened.store as? PostgresFactStore { await postgres.close() }

            // Written back: the store itself has the units now, and a second placing finds nothing to do.
            let again = try await opened.reopen()
            let stored = try await FactStoreContractTests.all(again)
            #expect(stored.map(\.ward) == ["00256@2020-01-01", "00259@2020-01-01", "00256@2025-07-01"])
            let second = try await StatsEngine(store: again, unitOf: { _, _, _ in "99999@2020-01-01" })
            #expect(await second.stats(StatsRequest(groupBy: .ward)).map(\.key) == expected)
            #expect(try await again.lastSequences() == ["007": 2, "01": 3])
            if let postgres = again as? PostgresFactStore { await postgres.close() }
        }
    }
}
