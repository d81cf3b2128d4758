import Coordinator
import XungKich
import XungKichWire

/// A hand-written event stream for the statistics tests: two districts, five wards, 17 requests covering
/// every outcome, a cancellation and open requests. Expected figures are worked out by hand in the tests.
/// Ages under 60 are 18_39 (R3, R9, R14, R17) and 40_59 (R6, R8, R11).
///
/// Times: `t0` is 2025-03-10 01:00 UTC = 08:00 Monday in Hanoi. Seconds to resolve are chosen per request.
enum StatsFixture {
    static let t0: Double = 1_741_568_400  // 2025-03-10T01:00:00Z
    /// Hanoi midnight starting 2025-03-11 (17:00 UTC on the 10th).
    static let hanoiMidnight11: Double = 1_741_626_000

    static let bachMai = "Bạch Mai", minhKhai = "Minh Khai", vinhTuy = "Vĩnh Tuy"
    static let quangMinh = "Quang Minh", tienPhong = "Tiền Phong"

    /// Sequence-numbered events, one counter per district, in the order written.
    struct Builder {
        var events: [CoordinatorEvent] = []
        var seq: [String: Int64] = [:]

        mutating func add(_ district: String, _ id: String, _ ward: String, at: Double, _ kind: EventKind,
                          _ state: RequestState?, _ detail: EventDetail = EventDetail()) {
            let next = (seq[district] ?? 0) + 1
            seq[district] = next
            let event = WireEvent(seq: next, at: at, kind: kind, state: state, detail: detail.isEmpty ? nil : detail,
                                  requestId: RequestID(id), ward: WardCode(ward))
            events.append(CoordinatorEvent(district: district, event: event))
        }

        mutating func accept(_ district: String, _ id: String, _ ward: String, at: Double, age: AgeBand?,
                             procedure: String = "1.001", field: String = "cu-tru", channel: Channel = .hotline) {
            add(district, id, ward, at: at, .accepted, .triaged,
                .with(procedure: procedure, field: field, priority: false, helpType: .information, channel: channel,
                      ageBand: age))
        }

        /// Delivered, first contact by `team`, then resolved `seconds` after `receivedAt`.
        mutating func resolve(_ district: String, _ id: String, _ ward: String, receivedAt: Double, after seconds: Double,
                              outcome: Outcome, failureReason: FailureReason? = nil, mode: SubmissionMode? = nil,
                              team: TeamID) {
            add(district, id, ward, at: receivedAt + 1, .delivered, .assigned, .with(attempt: 1))
            add(district, id, ward, at: receivedAt + 2, .progress, .inProgress, .with(team: team))
            add(district, id, ward, at: receivedAt + seconds, .resolved, .resolved,
                .with(outcome: outcome, team: team, failureReason: failureReason, mode: mode,
                      legacyLevel: mode?.legacyLevel, dossiers: 1))
        }
    }

    static let events: [CoordinatorEvent] = {
        var b = Builder()
        let hbt = "HBT", ml = "ML"
        // Bạch Mai: 5 received, 3 resolved (full, partial, failed), 1 cancelled, 1 open.
        b.accept(hbt, "R1", bachMai, at: t0, age: .from60To69)
        b.resolve(hbt, "R1", bachMai, receivedAt: t0, after: 3600, outcome: .submittedFullOnline,
                  mode: .fullProcess, team: "BM-1")
        b.accept(hbt, "R2", bachMai, at: t0 + 100, age: .from70To79, field: "ho-tich")
        b.accept(hbt, "R3", bachMai, at: t0 + 200, age: .from18To39)
        b.resolve(hbt, "R2", bachMai, receivedAt: t0 + 100, after: 7200, outcome: .submittedPartialOnline,
                  mode: .partial, team: "BM-1")
        b.resolve(hbt, "R3", bachMai, receivedAt: t0 + 200, after: 1800, outcome: .failed,
                  failureReason: .noVNeIDLevel2, team: "BM-2")
        b.accept(hbt, "R4", bachMai, at: t0 + 300, age: nil)
        b.add(hbt, "R4", bachMai, at: t0 + 400, .cancelled, .cancelled)
        b.accept(hbt, "R5", bachMai, at: t0 + 400, age: .from80)
        b.add(hbt, "R5", bachMai, at: t0 + 410, .delivered, .assigned, .with(attempt: 1))
        b.add(hbt, "R5", bachMai, at: t0 + 420, .progress, .waitingCitizen, .with(team: "BM-2", waitReason: .missingDocuments))
        // Minh Khai: 4 received, 3 resolved offline, 1 duplicate.
        b.accept(hbt, "R6", minhKhai, at: t0 + 500, age: .from40To59)
        b.resolve(hbt, "R6", minhKhai, receivedAt: t0 + 500, after: 5400, outcome: .vneidOnly, team: "MK-1")
        b.accept(hbt, "R7", minhKhai, at: t0 + 600, age: .from60To69)
        b.resolve(hbt, "R7", minhKhai, receivedAt: t0 + 600, after: 900, outcome: .guidedOnly, team: "MK-1")
        b.accept(hbt, "R8", minhKhai, at: t0 + 700, age: .from40To59)
        b.resolve(hbt, "R8", minhKhai, receivedAt: t0 + 700, after: 10800, outcome: .referredOneStop, team: "MK-1")
        b.accept(hbt, "R9", minhKhai, at: t0 + 800, age: .from18To39)
        b.add(hbt, "R9", minhKhai, at: t0 + 900, .resolved, .resolved, .with(outcome: .duplicate))
        // Vĩnh Tuy: one request just before Hanoi midnight, one just after (23:30 UTC = 06:30 next day).
        let late = hanoiMidnight11 - 1        // 2025-03-10 23:59:59 Hanoi
        let early = t0 + 22.5 * 3600          // 2025-03-10 23:30 UTC = 2025-03-11 06:30 Hanoi
        b.accept(hbt, "R11", vinhTuy, at: late, age: .from40To59, channel: .zalo)
        b.resolve(hbt, "R11", vinhTuy, receivedAt: late, after: 1200, outcome: .submittedFullOnline,
                  mode: .fullProcess, team: "VT-1")
        b.accept(hbt, "R10", vinhTuy, at: early, age: .from60To69, channel: .zalo)
        b.resolve(hbt, "R10", vinhTuy, receivedAt: early, after: 600, outcome: .failed,
                  failureReason: .noVNeIDLevel2, team: "VT-1")
        // Mê Linh.
        b.accept(ml, "R12", quangMinh, at: t0 + 50, age: .from70To79)
        b.resolve(ml, "R12", quangMinh, receivedAt: t0 + 50, after: 2400, outcome: .referredPoliceVNeID, team: "QM-1")
        b.accept(ml, "R13", quangMinh, at: t0 + 60, age: nil)
        b.add(ml, "R13", quangMinh, at: t0 + 70, .resolved, .resolved, .with(outcome: .outOfScope))
        b.accept(ml, "R14", quangMinh, at: t0 + 80, age: .from18To39)
        b.resolve(ml, "R14", quangMinh, receivedAt: t0 + 80, after: 3000, outcome: .failed,
                  failureReason: .portalError, team: "QM-1")
        b.accept(ml, "R15", tienPhong, at: t0 + 90, age: .from80)
        b.add(ml, "R15", tienPhong, at: t0 + 91, .overflow, .assigned, .with(attempt: 1, to: WardCode(quangMinh)))
        b.resolve(ml, "R15", tienPhong, receivedAt: t0 + 90, after: 4000, outcome: .submittedPartialOnline,
                  mode: .partial, team: "QM-1")
        b.accept(ml, "R16", tienPhong, at: t0 + 95, age: .from60To69)
        b.add(ml, "R16", tienPhong, at: t0 + 96, .delivered, .assigned, .with(attempt: 1))
        b.add(ml, "R16", tienPhong, at: t0 + 97, .redelivery, .assigned)
        b.accept(ml, "R17", tienPhong, at: t0 + 98, age: .from18To39)
        b.add(ml, "R17", tienPhong, at: t0 + 99, .resolved, .resolved, .with(outcome: .cancelled))
        return b.events
    }()

    static var hbtEventCount: Int64 { Int64(events.filter { $0.district == "HBT" }.count) }
    static var mlEventCount: Int64 { Int64(events.filter { $0.district == "ML" }.count) }
}
