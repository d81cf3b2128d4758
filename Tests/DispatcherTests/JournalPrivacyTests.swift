@testable import Dispatcher
import Foundation
import GRDB
import Storage
import Testing
import XungKich
import XungKichWire

/// A request with everything personal a citizen can give.
private func personalBody(phone: String = "0912345678", name: String = "Bà Lan") -> [UInt8] {
    WireJSON.encode(HelpRequest(
        ward: "00286", residentialGroup: "TDP 5", procedure: "1.001193", field: "G15-TP07", helpType: .vneidRecovery,
        channel: .walkIn, citizen: Citizen(shortName: name, phone: phone, ageBand: .from70To79),
        consent: Consent(given: true, textVersion: "v1"), note: "Quên mật khẩu VNeID, con gái đã đổi số"))
}

private func stored(_ number: Int64, body: [UInt8], state: RequestState = .triaged, key: String? = nil) -> StoredRequest {
    StoredRequest(id: RequestID("007-\(String(format: "%07lld", number))"), number: number, ward: "00286",
                  procedure: "1.001193", field: "G15-TP07", isPriority: true, idempotencyKey: key, body: body,
                  state: state, attempts: 0, needsAttention: false, outcome: nil, createdAt: 1000)
}

/// Every byte of the journal's files, as one blob to search.
private func filesOf(_ folder: String) -> Data {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).reduce(into: Data()) { all, name in
        all += FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
    }
}

/// The forms a name or phone could be found in: UTF-8, UTF-16 (both orders), the phone spaced or +84.
private func forms(_ text: String) -> [Data] {
    [Data(text.utf8), text.data(using: .utf16LittleEndian)!, text.data(using: .utf16BigEndian)!,
     Data(text.decomposedStringWithCanonicalMapping.utf8)]
}

private func shows(_ data: Data, _ texts: String...) -> [String] {
    texts.filter { text in forms(text).contains { data.range(of: $0) != nil } }
}

private func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "xk-privacy-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Journal: personal data sealed at rest, rotated, erased", .serialized)
struct JournalPrivacyTests {
    @Test("with keys, no name, phone or note reaches the journal's files, and the request reads back whole")
    func sealedAtRest() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite", keys: .generate())
        var batch = JournalBatch()
        batch.inserts = [stored(1, body: personalBody())]
        try journal.commit(batch)
        #expect(shows(filesOf(folder), "0912345678", "Bà Lan", "Quên mật khẩu", "912345678").isEmpty)
        #expect(try journal.request(id: "007-0000001")?.body == personalBody())
    }

    @Test("a journal of the previous release, in plain text, is sealed when opened with keys and leaves no plain copy")
    func sealsOldJournal() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        do {
            let old = try Journal(path: path)
            var batch = JournalBatch()
            batch.inserts = [stored(1, body: personalBody()), stored(2, body: personalBody(phone: "0987654321", name: "Ông Tư"))]
            try old.commit(batch)
        }
        #expect(!shows(filesOf(folder), "0912345678").isEmpty, "the fixture is plain text")
        let journal = try Journal(path: path, keys: .generate())
        #expect(shows(filesOf(folder), "0912345678", "0987654321", "Bà Lan", "Ông Tư", "Quên mật khẩu").isEmpty)
        #expect(try journal.request(id: "007-0000002")?.body == personalBody(phone: "0987654321", name: "Ông Tư"))
    }

    @Test("a rotation seals every body under the new key; the old key can then be dropped and nothing is lost")
    func rotation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        var keys = PersonalDataKeys.generate()
        do {
            let journal = try Journal(path: path, keys: keys)
            var batch = JournalBatch()
            batch.inserts = [stored(1, body: personalBody())]
            try journal.commit(batch)
            keys.rotate()
            #expect(try journal.reseal(with: keys) == 1)
        }
        keys.retire(below: keys.activeID)
        #expect(keys.keys.count == 1)
        let reopened = try Journal(path: path, keys: keys)
        #expect(try reopened.request(id: "007-0000001")?.body == personalBody())
    }

    @Test("erasing a citizen's request removes name, phone, note and the phone-derived key, keeps the rest, and owes every ward it went to a notice")
    func erase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite", keys: .generate())
        var batch = JournalBatch()
        batch.inserts = [stored(1, body: personalBody(), key: "csv-0912345678"), stored(2, body: personalBody())]
        var accepted = EventDetail()
        accepted.citizen = "pseudonym-1"
        var overflow = EventDetail()
        overflow.to = "00277"
        batch.events = [
            JournalEvent(seq: 1, requestID: "007-0000001", ward: "00286", at: 1, kind: .accepted, state: .triaged, detail: accepted),
            JournalEvent(seq: 2, requestID: "007-0000001", ward: "00286", at: 2, kind: .delivered, state: .assigned, detail: nil),
            JournalEvent(seq: 3, requestID: "007-0000001", ward: "00286", at: 3, kind: .overflow, state: .assigned, detail: overflow),
            JournalEvent(seq: 4, requestID: "007-0000002", ward: "00286", at: 4, kind: .accepted, state: .triaged, detail: accepted),
        ]
        try journal.commit(batch)
        let ids = try journal.requestIDs(citizenPseudonym: "pseudonym-1")
        #expect(ids == ["007-0000001", "007-0000002"])
        let erased = try journal.erasePersonalData(ids, now: 10)
        #expect(erased.map(\.0.hadPersonalData) == [true, true])
        #expect(erased[0].0.wards == ["00286", "00277"])
        #expect(erased[1].0.wards == [], "never delivered: no ward holds it")
        let erase = DispatchDesk.Notice(id: "007-0000001", kind: .erase)
        #expect(try journal.pendingWardNotices() == ["00286": [erase], "00277": [erase]])
        let body = try WireJSON.decode(HelpRequest.self, from: try #require(try journal.request(id: "007-0000001")).body)
        #expect(body.citizen?.phone == nil && body.citizen?.shortName == nil && body.note == nil)
        #expect(body.citizen?.ageBand == .from70To79 && body.residentialGroup == "TDP 5" && body.procedure == "1.001193")
        #expect(try journal.id(forIdempotencyKey: "csv-0912345678") == nil)
        #expect(try journal.events(requestID: "007-0000001").count == 3, "the history and statistics facts stay")
        #expect(try journal.isErased("007-0000001"))
        // A second erasure finds nothing personal left.
        #expect(try journal.erasePersonalData(["007-0000001"], now: 11).map(\.0.hadPersonalData) == [false])
        var told = JournalBatch()
        told.wardNoticesTold = [("00277", [erase])]
        try journal.commit(told)
        #expect(try journal.pendingWardNotices() == ["00286": [erase]])
    }

    @Test("retention finds finished requests whose last event is older than the cutoff and still hold personal data")
    func retention() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite", keys: .generate())
        var batch = JournalBatch()
        batch.inserts = [stored(1, body: personalBody(), state: .resolved), stored(2, body: personalBody(), state: .resolved),
                         stored(3, body: personalBody(), state: .inProgress)]
        batch.events = [
            JournalEvent(seq: 1, requestID: "007-0000001", ward: "00286", at: 100, kind: .resolved, state: .resolved, detail: nil),
            JournalEvent(seq: 2, requestID: "007-0000002", ward: "00286", at: 900, kind: .resolved, state: .resolved, detail: nil),
            JournalEvent(seq: 3, requestID: "007-0000003", ward: "00286", at: 100, kind: .progress, state: .inProgress, detail: nil),
        ]
        try journal.commit(batch)
        #expect(try journal.finishedHoldingPersonalData(before: 500) == ["007-0000001"])
        _ = try journal.erasePersonalData(["007-0000001"], now: 1000, tellWards: false)
        #expect(try journal.finishedHoldingPersonalData(before: 500) == [])
        #expect(try journal.pendingWardNotices().isEmpty)
    }
}

@Suite("Dispatch desk: notices to wards")
struct DeskNoticeTests {
    private func desk() -> DispatchDesk {
        DispatchDesk(districtCode: "007", counters: (0, 0), unresolved: [], validate: { _ in
            .failure(WireError(.invalidRequest, "unused"))
        })
    }

    @Test("an owed notice goes to the ward first, is forgotten once confirmed, and owed again when its worker is lost")
    func notices() throws {
        var d = desk()
        let one = DispatchDesk.Notice(id: "007-0000001", kind: .erase)
        let two = DispatchDesk.Notice(id: "007-0000002", kind: .cancel)
        d.owe([one, two], ward: "00286")
        #expect(d.wardsWithWork == ["00286"])
        let first = d.noticeDeliveries(ward: "00286", spare: 4, now: 0)
        #expect(first.count == 1)
        let sent = try WireJSON.decode(WardNotice.self, from: first[0].body)
        #expect(sent.erase == ["007-0000001"] && sent.cancel == ["007-0000002"])
        #expect(d.owedNotices.isEmpty)
        d.lost(tag: first[0].tag, now: 1)
        #expect(d.owedNotices == ["00286": [one, two]])
        let second = d.noticeDeliveries(ward: "00286", spare: 1, now: 2)
        // The worker confirms the erasure only; the cancellation is owed again after a pause.
        d.reply(tag: second[0].tag, final: true, body: WireJSON.encode(WardNoticeAnswer(erased: ["007-0000001"])), now: 3)
        #expect(d.batch.wardNoticesTold.map(\.notices) == [[one]])
        #expect(d.owedNotices == ["00286": [two]])
        #expect(d.noticeDeliveries(ward: "00286", spare: 1, now: 4).isEmpty, "retried after a pause, not in a loop")
        #expect(d.noticeDeliveries(ward: "00286", spare: 1, now: 3 + DispatchDesk.noticeRetrySeconds).count == 1)
    }

    @Test("a cancel marks the request for notices, and a worker's update is journaled at the time the team acted")
    func cancelAndActionTimes() throws {
        var d = DispatchDesk(districtCode: "007", counters: (0, 0), unresolved: [], validate: { body in
            .success(AcceptedRequest(ward: "00286", procedure: "1.001193", field: "G15-TP07", isPriority: false,
                                     idempotencyKey: nil, body: body))
        })
        _ = d.submit(Array("{}".utf8), now: 1000, existingID: { _ in nil })
        _ = d.submit(Array("{}".utf8), now: 1000, existingID: { _ in nil })
        _ = d.takeBatch()
        let delivered = d.deliveries(ward: "00286", spare: 2, now: 1001)
        #expect(delivered.count == 2)
        // Accepted at 1100 while the dispatcher was away; heard of at 5000: journaled at 1100.
        d.reply(tag: delivered[0].tag, final: false, body: WorkerReport(state: .accepted, update: 2, team: "00286-T01", at: 1100).json, now: 5000)
        // A clock ahead of the dispatcher's is held to now; one before the request to its acceptance.
        d.reply(tag: delivered[1].tag, final: false, body: WorkerReport(state: .accepted, update: 2, at: 9999).json, now: 5000)
        #expect(d.batch.events.suffix(2).map(\.at) == [1100, 5000])
        _ = d.admin(WireJSON.encode(AdminCommand(.cancel, id: "007-0000001")), now: 5001)
        #expect(d.batch.cancelled == ["007-0000001"])
        #expect(d.batch.redelivered.isEmpty, "first deliveries leave no stale copy anywhere")
        // The second request's worker is lost: its next delivery (here to a neighbour) is marked, so the ward
        // that lost it is told to withdraw its copy.
        d.lost(tag: delivered[1].tag, now: 5002)
        let again = d.deliveries(ward: "00286", spare: 1, now: 6000, via: "00277")
        #expect(again.count == 1)
        #expect(d.batch.redelivered.map(\.to) == ["00277"])
    }
}
