import Coordinator
import Foundation
import Testing
import XungKich
import XungKichWire

/// Statistics over `StatsFixture` with every expected figure counted by hand.
@Suite struct StatsEngineFixtureTests {
    let t0 = StatsFixture.t0

    private func loadedStore(_ backend: TestStore) async throws -> StatsEngine {
        let store = try await StatsEngine(store: backend.make())
        try await store.apply(StatsFixture.events)
        return store
    }

    private func byKey(_ rows: [StatsRow]) -> [String: StatsRow] {
        Dictionary(uniqueKeysWithValues: rows.map { ($0.key ?? "∅", $0) })
    }

    @Test(arguments: TestStore.available) func perWardVolumesRatesAndTimes(_ backend: TestStore) async throws {
        let rows = byKey(try await loadedStore(backend).stats(StatsRequest(groupBy: .ward)))
        #expect(rows.keys.sorted() == ["Bạch Mai", "Minh Khai", "Quang Minh", "Tiền Phong", "Vĩnh Tuy"])

        // Bạch Mai: R1 full, R2 partial, R3 failed, R4 cancelled, R5 open (80+).
        let bm = try #require(rows["Bạch Mai"])
        #expect(Volume(bm) == Volume(StatsRow(key: "Bạch Mai", received: 5, resolved: 3, open: 1, onlineSubmissions: 2, fullProcess: 1,
                               failed: 1, aged60Plus: 3, medianSecondsToResolve: 3600, p90SecondsToResolve: 7200,
                               oldestOpenReceivedAt: t0 + 400)))
        #expect(bm.conversion == Rate(numerator: 2, denominator: 3))
        #expect(bm.conversion.value == 2.0 / 3.0)
        #expect(bm.fullProcessShare == Rate(numerator: 1, denominator: 2))
        #expect(bm.fullProcessShare.value == 0.5)
        #expect(bm.elderlyShare == Rate(numerator: 3, denominator: 5))

        // Minh Khai: three offline resolutions, one duplicate (neither resolved nor open).
        let mk = try #require(rows["Minh Khai"])
        #expect(Volume(mk) == Volume(StatsRow(key: "Minh Khai", received: 4, resolved: 3, open: 0, onlineSubmissions: 0, fullProcess: 0,
                               failed: 0, aged60Plus: 1, medianSecondsToResolve: 5400, p90SecondsToResolve: 10800,
                               oldestOpenReceivedAt: nil)))
        #expect(mk.conversion == Rate(numerator: 0, denominator: 3))
        #expect(mk.conversion.value == 0)
        #expect(mk.fullProcessShare.value == nil)

        // Vĩnh Tuy: durations 600 and 1200 → median 900 (mean of the middle two), p90 1200.
        let vt = try #require(rows["Vĩnh Tuy"])
        #expect(Volume(vt) == Volume(StatsRow(key: "Vĩnh Tuy", received: 2, resolved: 2, open: 0, onlineSubmissions: 1, fullProcess: 1,
                               failed: 1, aged60Plus: 1, medianSecondsToResolve: 900, p90SecondsToResolve: 1200)))
        #expect(vt.conversion == Rate(numerator: 1, denominator: 2))
        #expect(vt.fullProcessShare == Rate(numerator: 1, denominator: 1))

        // Quang Minh: police referral, out of scope (not resolved), failed.
        let qm = try #require(rows["Quang Minh"])
        #expect(Volume(qm) == Volume(StatsRow(key: "Quang Minh", received: 3, resolved: 2, open: 0, onlineSubmissions: 0, fullProcess: 0,
                               failed: 1, aged60Plus: 1, medianSecondsToResolve: 2700, p90SecondsToResolve: 3000)))

        // Tiền Phong: R15 overflowed to Quang Minh but stays a Tiền Phong request; R16 open; R17 cancelled.
        let tp = try #require(rows["Tiền Phong"])
        #expect(Volume(tp) == Volume(StatsRow(key: "Tiền Phong", received: 3, resolved: 1, open: 1, onlineSubmissions: 1, fullProcess: 0,
                               failed: 0, aged60Plus: 2, medianSecondsToResolve: 4000, p90SecondsToResolve: 4000,
                               oldestOpenReceivedAt: t0 + 95)))
        #expect(tp.conversion == Rate(numerator: 1, denominator: 1))
        #expect(tp.fullProcessShare == Rate(numerator: 0, denominator: 1))
        #expect(tp.elderlyShare == Rate(numerator: 2, denominator: 3))
    }

    @Test(arguments: TestStore.available) func perDistrictAndDistrictFilter(_ backend: TestStore) async throws {
        let store = try await loadedStore(backend)
        let rows = byKey(await store.stats(StatsRequest(groupBy: .district)))
        // HBT durations sorted: 600 900 1200 1800 | 3600 5400 7200 10800 → median 2700; p90 rank ⌈7.2⌉ = 8.
        #expect(rows["HBT"].map(Volume.init) == Volume(StatsRow(key: "HBT", received: 11, resolved: 8, open: 1, onlineSubmissions: 3,
                                        fullProcess: 2, failed: 2, aged60Plus: 5, medianSecondsToResolve: 2700,
                                        p90SecondsToResolve: 10800, oldestOpenReceivedAt: t0 + 400)))
        #expect(rows["HBT"]?.conversion == Rate(numerator: 3, denominator: 8))
        #expect(rows["HBT"]?.fullProcessShare == Rate(numerator: 2, denominator: 3))
        #expect(rows["HBT"]?.elderlyShare == Rate(numerator: 5, denominator: 11))
        #expect(rows["ML"].map(Volume.init) == Volume(StatsRow(key: "ML", received: 6, resolved: 3, open: 1, onlineSubmissions: 1,
                                       fullProcess: 0, failed: 1, aged60Plus: 3, medianSecondsToResolve: 3000,
                                       p90SecondsToResolve: 4000, oldestOpenReceivedAt: t0 + 95)))

        let ml = await store.stats(StatsRequest(groupBy: .ward, since: nil, until: nil, district: "ML"))
        #expect(ml.map(\.key) == ["Quang Minh", "Tiền Phong"])
    }

    @Test(arguments: TestStore.available) func failureReasonsAndOutcomes(_ backend: TestStore) async throws {
        let store = try await loadedStore(backend)
        let reasons = await store.stats(StatsRequest(groupBy: .failureReason))
        #expect(reasons.map(\.key) == [nil, "NO_VNEID_L2", "PORTAL_ERROR"])
        #expect(reasons.map(\.received) == [14, 2, 1])
        #expect(reasons.map(\.failed) == [0, 2, 1])

        let outcomes = byKey(await store.stats(StatsRequest(groupBy: .outcome)))
        let expected: [String: Int] = [
            "∅": 3, "SUBMITTED_FULL_ONLINE": 2, "SUBMITTED_PARTIAL_ONLINE": 2, "VNEID_ONLY": 1, "GUIDED_ONLY": 1,
            "REFERRED_ONE_STOP": 1, "REFERRED_POLICE_VNEID": 1, "FAILED": 3, "CANCELLED": 1, "DUPLICATE": 1,
            "OUT_OF_SCOPE": 1,
        ]
        #expect(outcomes.mapValues(\.received) == expected)
        #expect(outcomes["∅"]?.open == 2)  // R5, R16 open; R4 cancelled before any outcome
        #expect(outcomes["DUPLICATE"]?.resolved == 0)
        #expect(outcomes["FAILED"]?.resolved == 3)
    }

    @Test(arguments: TestStore.available) func teamsChannelsAndAgeBands(_ backend: TestStore) async throws {
        let store = try await loadedStore(backend)
        let teams = byKey(await store.stats(StatsRequest(groupBy: .team)))
        #expect(teams.keys.sorted() == ["BM-1", "BM-2", "MK-1", "QM-1", "VT-1", "∅"])
        #expect(teams["BM-2"].map { [$0.received, $0.resolved, $0.open, $0.failed] } == [2, 1, 1, 1])
        #expect(teams["QM-1"].map { [$0.received, $0.resolved, $0.onlineSubmissions] } == [3, 3, 1])
        #expect(teams["∅"].map { [$0.received, $0.open] } == [5, 1])

        let channels = byKey(await store.stats(StatsRequest(groupBy: .channel)))
        #expect(channels.mapValues(\.received) == ["hotline": 15, "zalo": 2])

        let ages = byKey(await store.stats(StatsRequest(groupBy: .ageBand)))
        #expect(ages.mapValues(\.received) == ["∅": 2, "18_39": 4, "40_59": 3, "60_69": 4, "70_79": 2, "80_plus": 2])
        #expect(ages["60_69"]?.elderlyShare == Rate(numerator: 4, denominator: 4))

        let fields = byKey(await store.stats(StatsRequest(groupBy: .field, since: nil, until: nil, district: "HBT")))
        #expect(fields.mapValues(\.received) == ["cu-tru": 10, "ho-tich": 1])
    }

    @Test(arguments: TestStore.available) func dayGroupingFollowsHanoiMidnight(_ backend: TestStore) async throws {
        let store = try await loadedStore(backend)
        // R11 at 16:59:59 UTC is 23:59:59 on the 10th in Hanoi; R10 at 23:30 UTC is 06:30 on the 11th.
        let days = await store.stats(StatsRequest(groupBy: .day))
        #expect(days.map(\.key) == ["2025-03-10", "2025-03-11"])
        #expect(days.map(\.received) == [16, 1])
        #expect(days.last?.failed == 1)

        let weeks = await store.stats(StatsRequest(groupBy: .week))
        #expect(weeks.map(\.key) == ["2025-03-10"])

        // The period is on received_at, `since` inclusive and `until` exclusive.
        let after = await store.stats(StatsRequest(groupBy: .ward, since: StatsFixture.hanoiMidnight11, until: nil, district: nil))
        #expect(after.map(\.key) == ["Vĩnh Tuy"])
        #expect(after.first?.received == 1)
        let before = await store.stats(StatsRequest(groupBy: .district, since: nil, until: StatsFixture.hanoiMidnight11, district: nil))
        #expect(before.map(\.received) == [10, 6])
    }

    @Test(arguments: TestStore.available) func weekStartsOnHanoiMonday(_ backend: TestStore) async throws {
        let store = try await StatsEngine(store: backend.make())
        let sundayLate = 1_742_144_400.0   // 2025-03-16 17:00 UTC = Monday 17 March 00:00 Hanoi
        func accepted(_ seq: Int64, _ id: String, at: Double) -> CoordinatorEvent {
            CoordinatorEvent(district: "HBT", event: WireEvent(seq: seq, at: at, kind: .accepted, state: .triaged,
                                                               detail: nil, requestId: RequestID(id), ward: "Bạch Mai"))
        }
        let events = [
            accepted(1, "A", at: sundayLate - 1),
            accepted(2, "B", at: sundayLate),
            accepted(3, "C", at: sundayLate - 6 * 86_400),  // Monday 10 March 00:00 Hanoi
        ]
        try await store.apply(events)
        let weeks = await store.stats(StatsRequest(groupBy: .week))
        #expect(weeks.map(\.key) == ["2025-03-10", "2025-03-17"])
        #expect(weeks.map(\.received) == [2, 1])
        #expect(weeks.map(\.open) == [2, 1])
    }

    @Test(arguments: TestStore.available) func monthStartsOnTheFirstInHanoi(_ backend: TestStore) async throws {
        let store = try await StatsEngine(store: backend.make())
        let firstOfApril = 1_743_440_400.0   // 2025-03-31 17:00 UTC = 1 April 00:00 Hanoi
        func accepted(_ seq: Int64, _ id: String, at: Double) -> CoordinatorEvent {
            CoordinatorEvent(district: "HBT", event: WireEvent(seq: seq, at: at, kind: .accepted, state: .triaged,
                                                               detail: nil, requestId: RequestID(id), ward: "Bạch Mai"))
        }
        try await store.apply([
            accepted(1, "A", at: firstOfApril - 1), accepted(2, "B", at: firstOfApril),
            accepted(3, "C", at: firstOfApril + 40 * 86_400), accepted(4, "D", at: firstOfApril - 60 * 86_400),
        ])
        let months = await store.stats(StatsRequest(groupBy: .month))
        #expect(months.map(\.key) == ["2025-01", "2025-03", "2025-04", "2025-05"])
        #expect(months.map(\.received) == [1, 1, 1, 1])
    }

    @Test(arguments: TestStore.available) func lastSequencePerDistrict(_ backend: TestStore) async throws {
        let store = try await StatsEngine(store: backend.make())
        #expect(await store.lastSequence(district: "HBT") == 0)
        try await store.apply(StatsFixture.events)
        #expect(await store.lastSequence(district: "HBT") == 39)
        #expect(await store.lastSequence(district: "ML") == 20)
        #expect(await store.lastSequence(district: "XX") == 0)
        #expect(await store.lastSequences() == ["HBT": 39, "ML": 20])
    }

    @Test(arguments: TestStore.available) func replaysAndRedeliveriesChangeNothing(_ backend: TestStore) async throws {
        let reference = try await loadedStore(backend)
        let wards = await reference.stats(StatsRequest(groupBy: .ward))

        // The same events twice.
        try await reference.apply(StatsFixture.events)
        #expect(await reference.stats(StatsRequest(groupBy: .ward)) == wards)
        #expect(await reference.lastSequence(district: "HBT") == 39)

        // In three batches, the second replayed after the third, then old sequence numbers re-delivered with
        // different content (which must be ignored, not re-applied).
        let store = try await StatsEngine(store: backend.make())
        let all = StatsFixture.events
        let first = Array(all[..<20]), second = Array(all[20..<40]), third = Array(all[40...])
        try await store.apply(first)
        try await store.apply(second)
        try await store.apply(third)
        try await store.apply(second)
        var stale = all[0]
        stale.event.ward = "Minh Khai"
        stale.event.detail?.ageBand = .from18To39
        var staleCancel = all[5]
        staleCancel.event.kind = .cancelled
        staleCancel.event.state = .cancelled
        try await store.apply([stale, staleCancel])
        #expect(await store.stats(StatsRequest(groupBy: .ward)) == wards)
        #expect(await store.lastSequences() == ["HBT": 39, "ML": 20])

        // One batch in reverse order folds as if in sequence order.
        let reversed = try await StatsEngine(store: backend.make())
        try await reversed.apply(all.reversed())
        #expect(await reversed.stats(StatsRequest(groupBy: .ward)) == wards)
    }

    @Test(arguments: TestStore.available) func backlogByState(_ backend: TestStore) async throws {
        let store = try await loadedStore(backend)
        #expect(await store.backlog(StatsRequest(groupBy: .ward)) == ["WAITING_CITIZEN": 1, "ASSIGNED": 1])
        #expect(await store.backlog(StatsRequest(groupBy: .ward, district: "ML")) == ["ASSIGNED": 1])
    }

    @Test func onDiskStoreReopensWithItsFacts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xk-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("stats.sqlite").path
        do {
            let store = try await StatsEngine(store: SQLiteFactStore(path: path))
            try await store.apply(StatsFixture.events)
        }
        let reopened = try await StatsEngine(store: SQLiteFactStore(path: path))
        #expect(await reopened.lastSequence(district: "ML") == 20)
        #expect(await reopened.stats(StatsRequest(groupBy: .district)).map(\.received) == [11, 6])
    }

    @Test(arguments: TestStore.available) func quantileDefinitions(_ backend: TestStore) async throws {
        let store = try await StatsEngine(store: backend.make())
        // Ten resolved requests taking 1…10 minutes: median (5+6)/2 min, p90 rank 9 → 9 min.
        var events: [CoordinatorEvent] = []
        var seq: Int64 = 0
        for minutes in 1...10 {
            let id = "Q\(minutes)"
            seq += 1
            events.append(CoordinatorEvent(district: "HBT", event: WireEvent(
                seq: seq, at: t0, kind: .accepted, state: .triaged, detail: .with(ageBand: .from60To69),
                requestId: RequestID(id), ward: "Bạch Mai")))
            seq += 1
            events.append(CoordinatorEvent(district: "HBT", event: WireEvent(
                seq: seq, at: t0 + Double(minutes * 60), kind: .resolved, state: .resolved,
                detail: .with(outcome: .guidedOnly), requestId: RequestID(id), ward: "Bạch Mai")))
        }
        try await store.apply(events)
        let row = try #require(await store.stats(StatsRequest(groupBy: .ward)).first)
        #expect(row.medianSecondsToResolve == 330)
        #expect(row.p90SecondsToResolve == 540)
        #expect(row.elderlyShare.value == 1)
    }
}
