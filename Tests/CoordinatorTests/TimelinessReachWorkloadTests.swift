import Coordinator
import Foundation
import Testing
import XungKichWire

/// Statistics 6–8 (timeliness and SLA, reach, team workload) on three requests whose every time and team
/// change is written out, with the expected figures worked out by hand in the comments.
@Suite("Timeliness, reach and team workload")
struct TimelinessReachWorkloadTests {
    static let t = StatsFixture.t0
    static let ward = "Bạch Mai"

    /// A: assigned to T1 (+61), T1 declines → T2 (+120), contact +600, waits for the citizen +700…+4300
    ///    (3600 s paused), submitted toàn trình at +8000 with two dossiers (legacy level 4): active 4400 s.
    /// B: delivered +120 after receipt, T2, contact +1800, failed at +5000 (no waiting): active 5000 s.
    /// C: delivered +300, T1, the ward gives it back (every team declined), then T3; still open.
    static let events: [CoordinatorEvent] = {
        var b = StatsFixture.Builder()
        let d = "HBT"
        b.add(d, "A", ward, at: t, .accepted, .triaged, .with(ageBand: .from70To79, residentialGroup: "TDP 1", citizen: "c1"))
        b.add(d, "B", ward, at: t + 10, .accepted, .triaged, .with(ageBand: .from70To79, residentialGroup: "TDP 1", citizen: "c1"))
        b.add(d, "C", ward, at: t + 20, .accepted, .triaged, .with(residentialGroup: "TDP 2", citizen: "c2"))
        b.add(d, "A", ward, at: t + 60, .delivered, .assigned, .with(attempt: 1))
        b.add(d, "A", ward, at: t + 61, .progress, .assigned, .with(update: 1, team: "T1"))
        b.add(d, "A", ward, at: t + 120, .progress, .assigned, .with(update: 2, team: "T2"))
        b.add(d, "B", ward, at: t + 130, .delivered, .assigned, .with(attempt: 1))
        b.add(d, "B", ward, at: t + 131, .progress, .assigned, .with(update: 1, team: "T2"))
        b.add(d, "C", ward, at: t + 320, .delivered, .assigned, .with(attempt: 1))
        b.add(d, "C", ward, at: t + 321, .progress, .assigned, .with(update: 1, team: "T1"))
        b.add(d, "C", ward, at: t + 400, .declined, .triaged, .with(declined: true))
        b.add(d, "A", ward, at: t + 600, .progress, .inProgress, .with(update: 3, team: "T2"))
        b.add(d, "A", ward, at: t + 700, .progress, .waitingCitizen, .with(update: 4, team: "T2"))
        b.add(d, "B", ward, at: t + 1810, .progress, .inProgress, .with(update: 2, team: "T2"))
        b.add(d, "C", ward, at: t + 4000, .delivered, .assigned, .with(attempt: 1))
        b.add(d, "C", ward, at: t + 4001, .progress, .assigned, .with(update: 2, team: "T3"))
        b.add(d, "A", ward, at: t + 4300, .progress, .inProgress, .with(update: 5, team: "T2"))
        b.add(d, "B", ward, at: t + 5010, .resolved, .resolved, .with(outcome: .failed, team: "T2", failureReason: .portalError))
        b.add(d, "A", ward, at: t + 8000, .resolved, .resolved, .with(outcome: .submittedFullOnline, team: "T2", mode: .fullProcess,
                                                                   legacyLevel: 4, dossiers: 2))
        return b.events
    }()

    private func engine(_ backend: TestStore) async throws -> StatsEngine {
        let engine = try await StatsEngine(store: backend.make())
        try await engine.apply(Self.events)
        return engine
    }

    @Test("times to assign, to first contact and to resolve: medians and p90", arguments: TestStore.available)
    func timeliness(_ backend: TestStore) async throws {
        let row = try #require(await engine(backend).stats(StatsRequest(groupBy: .ward)).first)
        // Assign: A 60, B 120, C 300 → median 120; p90 rank ⌈2.7⌉ = 3 → 300.
        #expect(row.medianSecondsToAssign == 120)
        #expect(row.p90SecondsToAssign == 300)
        // First contact: A 600, B 1800 → median 1200; p90 rank ⌈1.8⌉ = 2 → 1800.
        #expect(row.medianSecondsToFirstContact == 1200)
        #expect(row.p90SecondsToFirstContact == 1800)
        // Resolve (wall clock): A 8000, B 5000 → median 6500, p90 8000.
        #expect(row.medianSecondsToResolve == 6500)
        #expect(row.p90SecondsToResolve == 8000)
    }

    @Test("SLA adherence pauses the clock while the case waits for the citizen", arguments: TestStore.available)
    func slaAdherence(_ backend: TestStore) async throws {
        let engine = try await engine(backend)
        // SLA 4500 s: A's active time is 8000 − 3600 = 4400 (met), B's 5000 (missed) → 1 ÷ 2.
        let strict = try #require(await engine.stats(StatsRequest(groupBy: .ward, slaSeconds: 4500)).first)
        #expect(strict.slaAdherence == Rate(numerator: 1, denominator: 2))
        // SLA 4000 s: neither. Without the pause A (8000 s) would miss 4500 too, so this tells them apart.
        let stricter = try #require(await engine.stats(StatsRequest(groupBy: .ward, slaSeconds: 4000)).first)
        #expect(stricter.slaAdherence == Rate(numerator: 0, denominator: 2))
        let lenient = try #require(await engine.stats(StatsRequest(groupBy: .ward)).first)
        #expect(lenient.slaAdherence == Rate(numerator: 2, denominator: 2))
    }

    @Test("reach: distinct citizens by pseudonym, residential groups, aged 60+", arguments: TestStore.available)
    func reach(_ backend: TestStore) async throws {
        let row = try #require(await engine(backend).stats(StatsRequest(groupBy: .ward)).first)
        #expect(row.received == 3)
        #expect(row.citizens == 2)            // c1 came twice
        #expect(row.identifiedRequests == 3)
        #expect(row.residentialGroups == 2)   // TDP 1, TDP 2
        #expect(row.elderlyShare == Rate(numerator: 2, denominator: 3))
        // The same group name in another ward is another group.
        var more = StatsFixture.Builder()
        more.seq["HBT"] = Int64(Self.events.count)
        more.add("HBT", "D", "Minh Khai", at: Self.t + 30, .accepted, .triaged, .with(residentialGroup: "TDP 1"))
        let engine = try await engine(backend)
        try await engine.apply(more.events)
        let district = try #require(await engine.stats(StatsRequest(groupBy: .district)).first)
        #expect(district.residentialGroups == 3)
        #expect(district.citizens == 2)
        #expect(district.identifiedRequests == 3)
    }

    @Test("workload: assignments, declines and reassignments, by ward and by team", arguments: TestStore.available)
    func workload(_ backend: TestStore) async throws {
        let engine = try await engine(backend)
        let ward = try #require(await engine.stats(StatsRequest(groupBy: .ward)).first)
        // Assignments: A T1, T2 (2); B T2 (1); C T1, then T3 after the give-back (2) → 5.
        // Declines: A by T1, C by T1 → 2. Reassigned: A and C of 3 assigned.
        #expect(ward.assignments == 5)
        #expect(ward.declines == 2)
        #expect(ward.declineRate == Rate(numerator: 2, denominator: 5))
        #expect(ward.reassignRate == Rate(numerator: 2, denominator: 3))

        let teams = Dictionary(uniqueKeysWithValues: await engine.stats(StatsRequest(groupBy: .team)).map { ($0.key ?? "∅", $0) })
        #expect(teams.keys.sorted() == ["T1", "T2", "T3"])
        // T1 holds nothing but declined twice; T2 holds A and B; T3 holds C.
        #expect(teams["T1"].map { [$0.received, $0.assignments, $0.declines] } == [0, 2, 2])
        #expect(teams["T2"].map { [$0.received, $0.assignments, $0.declines] } == [2, 2, 0])
        #expect(teams["T3"].map { [$0.received, $0.assignments, $0.declines] } == [1, 1, 0])
        #expect(teams["T1"]?.declineRate == Rate(numerator: 2, denominator: 2))
    }

    @Test("legacy levels and dossiers filed online", arguments: TestStore.available)
    func legacyLevelsAndDossiers(_ backend: TestStore) async throws {
        let row = try #require(await engine(backend).stats(StatsRequest(groupBy: .ward)).first)
        #expect(row.onlineSubmissions == 1)
        #expect(row.onlineDossiers == 2)
        #expect(row.legacyLevel4 == 1)
        #expect(row.legacyLevel3 == 0)
        #expect(row.legacyLevel4Share == Rate(numerator: 1, denominator: 1))
        #expect(row.failed == 1)
    }

    @Test("facts survive a restart: a reopened store answers the same")
    func reopenedEngineAnswersTheSame() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xk-facts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("stats.sqlite").path
        var before: [StatsRow] = []
        do {
            let engine = try await StatsEngine(store: SQLiteFactStore(path: path))
            try await engine.apply(Self.events)
            before = await engine.stats(StatsRequest(groupBy: .team))
        }
        let reopened = try await StatsEngine(store: SQLiteFactStore(path: path))
        #expect(await reopened.stats(StatsRequest(groupBy: .team)) == before)
        #expect(await reopened.lastSequence(district: "HBT") == Int64(Self.events.count))
    }
}
