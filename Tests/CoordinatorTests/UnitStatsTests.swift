import Coordinator
import Foundation
import Testing
import XungKich
import XungKichWire

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Events as a dispatcher sends them to followers: with the request's dated unit.
private func accepted(_ seq: Int64, _ id: String, unit: String, at: Double, group: String? = nil) -> CoordinatorEvent {
    var detail = EventDetail()
    detail.procedure = "1.001193"
    detail.field = "G15-TP07"
    detail.residentialGroup = group
    let key = UnitKey(text: unit)
    return CoordinatorEvent(district: "01", event: WireEvent(
        seq: seq, at: at, kind: .accepted, state: .triaged, detail: detail, requestId: RequestID(id),
        ward: WardCode(key?.code ?? unit), unit: key))
}

@Suite("Statistics key on the unit, not the code")
struct UnitStatsTests {
    let june2024 = HanoiDate.startOfDay("2024-06-01")!.timeIntervalSince1970
    let jan2026 = HanoiDate.startOfDay("2026-01-10")!.timeIntervalSince1970

    @Test("00256 in 2024 (Lê Đại Hành) and in 2026 (Hai Bà Trưng) are two rows; as of 2025-07-01 regrouping moves only whole units")
    func twoRowsAndAsOf() async throws {
        let engine = try await StatsEngine(store: SQLiteFactStore())
        try await engine.apply([
            accepted(1, "01-1", unit: "00256@2020-01-01", at: june2024, group: "TDP 3"),
            accepted(2, "01-2", unit: "00256@2025-07-01", at: jan2026),
            accepted(3, "01-3", unit: "00259@2020-01-01", at: june2024),
            accepted(4, "01-4", unit: "00256@2020-01-01", at: june2024, group: "TDP 9"),
        ])
        let rows = await engine.stats(StatsRequest(groupBy: .ward))
        #expect(rows.map(\.key) == ["00256@2020-01-01", "00256@2025-07-01", "00259@2020-01-01"])
        #expect(rows.map(\.received) == [2, 1, 1])
        // As of 2025-07-01: Đồng Nhân went whole into Hai Bà Trưng; Lê Đại Hành was split and stays apart,
        // except its TDP 3, which a ward's group map places in Bạch Mai (00292).
        var asOf = StatsRequest(groupBy: .ward)
        asOf.regroup = ["00259@2020-01-01": "00256@2025-07-01", "00256@2020-01-01\u{1F}TDP 3": "00292@2025-07-01"]
        let regrouped = await engine.stats(asOf)
        #expect(regrouped.map(\.key) == ["00256@2020-01-01", "00256@2025-07-01", "00292@2025-07-01"])
        #expect(regrouped.map(\.received) == [1, 2, 1])
        #expect(regrouped.reduce(0) { $0 + $1.received } == 4, "nothing counted twice or lost")
    }

    @Test("a fact store written by the previous release opens; its facts are placed in their units once")
    func previousReleaseFacts() async throws {
        let source = packageRoot.appendingPathComponent("Tests/Fixtures/release-872db78/coordinator/facts.sqlite")
        let copy = NSTemporaryDirectory() + "xk-facts-\(UUID().uuidString).sqlite"
        try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: copy))
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let config = try DistrictConfig.load(path: packageRoot.appendingPathComponent("config/ha-noi.yaml").path)
        let before = try await StatsEngine(store: SQLiteFactStore(path: copy)).stats(StatsRequest(groupBy: .ward))
        #expect(before.map(\.key) == ["00256", "00259", "00286"])
        let engine = try await StatsEngine(store: SQLiteFactStore(path: copy)) { district, code, at in
            config.filedUnit(code: code, at: at, jurisdiction: district)?.key.text
        }
        let rows = await engine.stats(StatsRequest(groupBy: .ward))
        #expect(rows.map(\.key) == ["00256@2020-01-01", "00259@2020-01-01", "00286@2020-01-01"])
        #expect(rows.map(\.received) == before.map(\.received))
        #expect(rows.first { $0.key == "00286@2020-01-01" }?.resolved == 1)
        // Written back: the next start finds them placed without being told how.
        let again = try await StatsEngine(store: SQLiteFactStore(path: copy)).stats(StatsRequest(groupBy: .ward))
        #expect(again.map(\.key) == rows.map(\.key))
    }

    @Test("the contribution joins the portal's figures (by ward code and month) with requests filed under the unit of that month")
    func contributionByCode() async throws {
        let engine = try await StatsEngine(store: SQLiteFactStore())
        let resolvedAt = jan2026 + 3600
        var done = EventDetail()
        done.outcome = .submittedFullOnline
        done.mode = .fullProcess
        done.dossiers = ["000.00.07.H26-260110-0001"]
        try await engine.apply([
            accepted(1, "01-1", unit: "00256@2025-07-01", at: jan2026),
            CoordinatorEvent(district: "01", event: WireEvent(seq: 2, at: resolvedAt, kind: .resolved, state: .resolved,
                detail: done, requestId: "01-1", ward: "00256", unit: UnitKey(text: "00256@2025-07-01"))),
        ])
        try await engine.importBaseline([BaselineRow(district: "01", ward: "00256", month: "2026-01", dossiersResolved: 100,
                                                     onlineDossiers: 40, fullProcessDossiers: 20, onTimeDossiers: 99)])
        let rows = await engine.contribution(firstMonth: "2026-01", lastMonth: "2026-01", district: nil)
        #expect(rows.map(\.ward) == ["00256"])
        #expect(rows.first?.assistedOnlineDossiers == 1)
        #expect(rows.first?.assistedFullProcessDossiers == 1)
    }
}
