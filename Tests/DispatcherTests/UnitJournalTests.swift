@testable import Dispatcher
import Foundation
import Storage
import Testing
import XungKich
import XungKichWire

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func layout(_ name: String) throws -> DistrictConfig {
    try DistrictConfig.load(path: packageRoot.appendingPathComponent("config/\(name)").path)
}

/// A copy of the data folders the previous release wrote (Tests/Fixtures/release-872db78, made by running that
/// release's `xk dispatcher`, `xk worker` and `xk coordinator` and four `xk enqueue`), so tests never change it.
func releaseFixture(_ folder: String) throws -> String {
    let source = packageRoot.appendingPathComponent("Tests/Fixtures/release-872db78/\(folder)")
    let copy = NSTemporaryDirectory() + "xk-fixture-\(UUID().uuidString)"
    try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: copy))
    return copy
}

/// A desk of config/ha-noi.yaml that routes to every unit's ward and knows each ended unit's successors; with a
/// journal's counters, open requests and switched ones, the desk a restarted dispatcher makes.
private func haNoiDesk(counters: (requestNumber: Int64, eventSeq: Int64) = (0, 0), unresolved: [StoredRequest] = [],
                       switched: Set<RequestID> = []) throws -> DispatchDesk {
    let config = try layout("ha-noi.yaml")
    var configuration = DeskConfiguration()
    configuration.wards = Set(config.wards.map { WardCode($0.code) })
    var desk = DispatchDesk(districtCode: "01", configuration: configuration, counters: counters, unresolved: unresolved,
                            switched: switched, validate: HelpRequestIntake.validator(for: config))
    desk.successorOf = UnitMove.plan(config)
    return desk
}

private func submit(_ desk: inout DispatchDesk, _ json: String) -> (id: RequestID?, refusal: String?) {
    guard case .body(let bytes) = desk.submit(Array(json.utf8), now: 1_795_000_000, existingID: { _ in nil }) else { return (nil, nil) }
    do {
        return (try WireJSON.decodeReply(SubmitAnswer.self, from: bytes).id, nil)
    } catch {
        return (nil, error.problems.first?.message ?? error.message)
    }
}

@Suite("The journal keeps the unit a request was filed under", .serialized)
struct UnitJournalTests {
    @Test("a journal written by the previous release opens, its requests get their dated unit, sealed bodies still read")
    func previousReleaseJournal() throws {
        let folder = try releaseFixture("dispatcher")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let prepared = try DispatcherApp.prepareDataFolder(folder)
        let journal = try Journal(path: folder + "/journal.sqlite", keys: prepared.personalData)
        let before = try journal.unresolved()
        #expect(before.allSatisfy { $0.unit == nil })
        let config = try layout("ha-noi.yaml")
        let filled = try journal.backfillUnits { code, at, jurisdiction in
            config.filedUnit(code: code, at: at, jurisdiction: jurisdiction)?.key
        }
        #expect(filled == 4)
        // Made in 2026 by a release that knew only Hai Bà Trưng's 2020–2024 wards: those are their units.
        let first = try #require(try journal.request(id: "007-0000001"))
        #expect(first.unit?.text == "00286@2020-01-01")
        #expect(first.state == .resolved)
        #expect(try journal.request(id: "007-0000002")?.unit?.text == "00256@2020-01-01")
        let body = try HelpRequest.decode(json: first.body)
        #expect(body.citizen?.shortName == "Bà Lan")
        // Events carry the unit to followers; a second backfill finds nothing to do.
        let events = try journal.events(after: 0, limit: 100)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.unit != nil })
        #expect(events.first?.wireForFollower.unit?.text == "00286@2020-01-01")
        #expect(try journal.backfillUnits { _, _, _ in nil } == 0)
        #expect(try journal.counters().requestNumber == 4)
    }

    @Test("00256 filed for 2024-06-01 and for 2026-01-10 is two units; Đồng Nhân after 2025-07-01 goes to Hai Bà Trưng with the remap recorded")
    func unitsOnSubmit() throws {
        let config = try layout("ha-noi.yaml")
        var desk = DispatchDesk(districtCode: "01", counters: (0, 0), unresolved: [],
                                validate: HelpRequestIntake.validator(for: config))
        let body = { (ward: String, day: String) in
            #"{"ward":"\#(ward)","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","filedOn":"\#(day)"}"#
        }
        let old = submit(&desk, body("00256", "2024-06-01"))
        let new = submit(&desk, body("00256", "2026-01-10"))
        let moved = submit(&desk, body("00259", "2026-01-10"))
        let split = submit(&desk, body("00241", "2026-01-10"))
        #expect(old.id != nil && new.id != nil && moved.id != nil)
        #expect(split.id == nil)
        #expect(split.refusal?.contains("Phường Nguyễn Du (00241) was split between") == true)
        let batch = desk.takeBatch()
        #expect(batch.inserts.map { $0.unit?.text } == ["00256@2020-01-01", "00256@2025-07-01", "00256@2025-07-01"])
        #expect(batch.inserts.map(\.ward.rawValue) == ["00256", "00256", "00256"])
        let accepted = batch.events.filter { $0.kind == .accepted }
        #expect(accepted[2].detail?.remappedFrom == "00259@2025-01-01")
        #expect(accepted.map { $0.wireForFollower.unit?.text } == ["00256@2020-01-01", "00256@2025-07-01", "00256@2025-07-01"])

        // Journaled and read back the same.
        let folder = NSTemporaryDirectory() + "xk-units-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        try journal.commit(batch)
        let stored = try journal.unresolved()
        #expect(stored.map { $0.unit?.text } == ["00256@2020-01-01", "00256@2025-07-01", "00256@2025-07-01"])
        #expect(try journal.events(after: 0, limit: 10).map { $0.unit?.text } == stored.map { $0.unit?.text })
    }
}

@Suite("Switch-over to new units (xk units switch)", .serialized)
struct UnitSwitchTests {
    @Test("open requests of ended units go to their whole successor or to needs-attention; the journal replays to the same state")
    func switchOver() throws {
        let config = try layout("ha-noi.yaml")
        var desk = DispatchDesk(districtCode: "01", counters: (0, 0), unresolved: [],
                                validate: HelpRequestIntake.validator(for: config))
        desk.successorOf = UnitMove.plan(config)
        let body = { (ward: String, day: String) in
            #"{"ward":"\#(ward)","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","filedOn":"\#(day)"}"#
        }
        let dongNhan = try #require(submit(&desk, body("00259", "2024-06-01")).id)      // whole → 00256
        let leDaiHanh = try #require(submit(&desk, body("00256", "2024-06-01")).id)     // split
        let haiBaTrung = try #require(submit(&desk, body("00256", "2026-01-10")).id)    // already new
        let bachMai = try #require(submit(&desk, body("00286", "2024-06-01")).id)       // whole → 00292, held by a team
        #expect(desk.deliveries(ward: "00286", spare: 1, now: 1_795_000_001).count == 1)

        let folder = NSTemporaryDirectory() + "xk-switch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        try journal.commit(desk.takeBatch())

        let at = try #require(HanoiDate.startOfDay("2025-07-01")).timeIntervalSince1970
        let answer = desk.switchUnits(at: at, now: 1_795_000_100)
        #expect(answer.moved.map(\.id) == [dongNhan, bachMai])
        #expect(answer.moved.map(\.to.rawValue) == ["00256", "00292"])
        #expect(answer.needsAttention.map(\.id) == [leDaiHanh])
        #expect(Set(answer.needsAttention[0].candidates.map(\.text)) == ["00256@2025-07-01", "00292@2025-07-01", "00226@2025-07-01"])
        #expect(answer.heldByTeams == 1)
        #expect(desk.waitingCount(ward: "00256") == 2)  // Đồng Nhân's and the new Hai Bà Trưng's
        #expect(desk.waitingCount(ward: "00259") == 0)
        try journal.commit(desk.takeBatch())
        // Twice changes nothing more.
        #expect(desk.switchUnits(at: at, now: 1_795_000_200).moved.isEmpty)
        #expect(desk.takeBatch().events.isEmpty)

        // Replayed from the journal: the same queues and the same attention list; every request keeps its unit.
        let replayed = DispatchDesk(districtCode: "01", counters: try journal.counters(), unresolved: try journal.unresolved(),
                                    validate: HelpRequestIntake.validator(for: config))
        #expect(replayed.waitingCount(ward: "00256") == 2)
        #expect(replayed.waitingCount(ward: "00292") == 1)  // the held one waits again after a restart, at its successor
        #expect(try journal.needingAttention().map(\.id) == [leDaiHanh])
        let units = Dictionary(uniqueKeysWithValues: try journal.unresolved().map { ($0.id, $0.unit?.text ?? "") })
        #expect(units == [dongNhan: "00259@2020-01-01", leDaiHanh: "00256@2020-01-01",
                          haiBaTrung: "00256@2025-07-01", bachMai: "00286@2020-01-01"])
        let switched = try journal.events(after: 0, limit: 100).filter { $0.kind == .switched }
        #expect(switched.count == 3)
        #expect(switched.first { $0.requestID == dongNhan }?.detail?.to == "00256")
    }
}

extension UnitSwitchTests {
    @Test("a split unit's case a team holds is flagged with its candidates; the team may finish it, a loss leaves it to an operator; switching again records nothing, after a restart or a placement too")
    func heldCaseOfSplitUnit() throws {
        var desk = try haNoiDesk()
        let body = { (ward: String) in
            #"{"ward":"\#(ward)","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","filedOn":"2024-06-01"}"#
        }
        let held = try #require(submit(&desk, body("00241")).id)      // Nguyễn Du, split; a team holds it
        let finished = try #require(submit(&desk, body("00244")).id)  // Bạch Đằng, split; its team finishes it
        let waiting = try #require(submit(&desk, body("00271")).id)   // Thanh Nhàn, split; waiting
        let tags = desk.deliveries(ward: "00241", spare: 1, now: 10).map(\.tag)
            + desk.deliveries(ward: "00244", spare: 1, now: 10).map(\.tag)
        #expect(tags.count == 2)

        let folder = NSTemporaryDirectory() + "xk-switch-held-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        try journal.commit(desk.takeBatch())

        let at = try #require(HanoiDate.startOfDay("2025-07-01")).timeIntervalSince1970
        let answer = desk.switchUnits(at: at, now: 100)
        #expect(answer.needsAttention.map(\.id) == [held, finished, waiting])
        #expect(answer.heldByTeams == 2)
        #expect(Set(answer.needsAttention[0].candidates.map(\.text)) == ["00082@2025-07-01", "00256@2025-07-01", "00226@2025-07-01"])
        var batch = desk.takeBatch()
        #expect(batch.updates[held]?.needsAttention == true)
        #expect(batch.events.filter { $0.kind == .switched }.count == 3)
        #expect(batch.events.first { $0.requestID == held }?.detail?.candidates?.count == 3)
        try journal.commit(batch)
        #expect(try journal.needingAttention().map(\.id) == [held, finished, waiting])

        // Switching again, to the same layout, records and counts nothing.
        let again = desk.switchUnits(at: at, now: 110)
        #expect(again.moved.isEmpty && again.needsAttention.isEmpty && again.heldByTeams == 0)
        #expect(desk.takeBatch().events.isEmpty)

        // The team finishes one: resolved, off the attention list. The other is lost: not sent again, still flagged.
        desk.reply(tag: tags[1], final: true, body: Array(#"{"outcome":"SUBMITTED_FULL_ONLINE"}"#.utf8), now: 120)
        desk.lost(tag: tags[0], now: 121)
        #expect(desk.waitingCount(ward: "00241") == 0)
        batch = desk.takeBatch()
        #expect(batch.updates[finished]?.needsAttention == false)
        #expect(batch.updates[held]?.needsAttention == true)
        try journal.commit(batch)
        #expect(try journal.needingAttention().map(\.id) == [held, waiting])

        // An operator places one; then the switch runs again, once in this process and once after a restart:
        // nothing is recorded, and the placed request stays where the operator put it.
        _ = desk.admin(Array(#"{"command":"requeue","id":"\#(waiting.rawValue)","to":"00292"}"#.utf8), now: 130)
        try journal.commit(desk.takeBatch())
        #expect(desk.switchUnits(at: at, now: 140).needsAttention.isEmpty)
        #expect(desk.takeBatch().events.isEmpty)
        var replayed = try haNoiDesk(counters: try journal.counters(), unresolved: try journal.unresolved(),
                                     switched: try journal.switchedRequests())
        #expect(replayed.waitingCount(ward: "00292") == 1)
        #expect(replayed.waitingCount(ward: "00241") == 0)
        let afterRestart = replayed.switchUnits(at: at, now: 150)
        #expect(afterRestart.moved.isEmpty && afterRestart.needsAttention.isEmpty)
        #expect(replayed.takeBatch().events.isEmpty)
        #expect(try journal.needingAttention().map(\.id) == [held])
        let switchedEvents = try journal.events(after: 0, limit: 100).filter { $0.kind == .switched }
        #expect(switchedEvents.map(\.requestID) == [held, finished, waiting])
    }
}

@Suite("An operator places a split unit's request (xk requeue --to)")
struct RequeueToTests {
    @Test("requeue --to moves a needs-attention request to the chosen successor, journaled; an unknown unit is refused")
    func requeueTo() throws {
        var desk = try haNoiDesk()
        let id = try #require(submit(&desk, #"{"ward":"00256","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","filedOn":"2024-06-01"}"#).id)
        _ = desk.switchUnits(at: try #require(HanoiDate.startOfDay("2025-07-01")).timeIntervalSince1970, now: 1)
        _ = desk.takeBatch()
        #expect(desk.waitingCount(ward: "00256") == 0)
        let refused = desk.admin(Array(#"{"command":"requeue","id":"\#(id.rawValue)","to":"00259"}"#.utf8), now: 2)
        guard case .body(let bytes) = refused else { Issue.record("no answer"); return }
        #expect(String(decoding: bytes, as: UTF8.self).contains("00259 is not a unit of this dispatcher's config"))
        _ = desk.admin(Array(#"{"command":"requeue","id":"\#(id.rawValue)","to":"00292"}"#.utf8), now: 3)
        let batch = desk.takeBatch()
        #expect(batch.moves[id] == "00292")
        #expect(batch.updates[id]?.needsAttention == false)
        #expect(batch.events.last?.detail?.to == "00292")
        #expect(desk.waitingCount(ward: "00292") == 1)
    }
}
