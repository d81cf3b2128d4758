@testable import Dispatcher
import Foundation
import GRDB
import Testing
import XungKich
import XungKichWire

private func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "xk-journal-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Opens the journal at `path`, expecting it to be refused; returns the refusal.
private func refusal(opening path: String) -> JournalError? {
    do {
        _ = try Journal(path: path)
        return nil
    } catch {
        return error
    }
}

/// A journal as the previous release left it: its requests and events written as that release wrote them,
/// every detail a JSON object with sorted keys, made by `JSONSerialization`.
private func writeOldRelease(at path: String) throws {
    do { _ = try Journal(path: path) }  // the schema has not changed since that release
    let db = try DatabaseQueue(path: path)
    try db.write { db in
        try db.execute(sql: """
            INSERT INTO request (id, number, ward, procedure, field, is_priority, idempotency_key, body, state,
                                 attempts, needs_attention, outcome, created_at)
            VALUES ('007-0000001', 1, '00286', '1.001193', 'G15-TP07', 1, 'k-1', CAST('{"ward":"00286"}' AS BLOB),
                    'RESOLVED', 1, 0, 'SUBMITTED_FULL_ONLINE', 1000),
                   ('007-0000002', 2, '00286', '1.001193', 'G15-TP07', 0, NULL, CAST('{"ward":"00286"}' AS BLOB),
                    'IN_PROGRESS', 2, 0, NULL, 1001)
            """)
        let events: [(Int64, String, String, String, String?)] = [
            (1, "007-0000001", "accepted", "TRIAGED", #"{"ageBand":"70_79","channel":"walk_in","citizen":"abc","field":"G15-TP07","helpType":"submit_dossier","priority":true,"procedure":"1.001193","residentialGroup":"TDP 5"}"#),
            (2, "007-0000001", "delivered", "ASSIGNED", #"{"attempt":1}"#),
            (3, "007-0000001", "progress", "ACCEPTED", #"{"state":"ACCEPTED","team":"00286-T01"}"#),
            (4, "007-0000001", "resolved", "RESOLVED", #"{"dossiers":["X"],"legacyLevel":4,"mode":"toan-trinh","outcome":"SUBMITTED_FULL_ONLINE","team":"00286-T01"}"#),
            (5, "007-0000002", "accepted", "TRIAGED", #"{"field":"G15-TP07","priority":false,"procedure":"1.001193"}"#),
            (6, "007-0000002", "overflow", "ASSIGNED", #"{"attempt":1,"to":"00277"}"#),
            (7, "007-0000002", "redelivery", "TRIAGED", #"{"attempt":1,"retryInSeconds":10}"#),
            (8, "007-0000002", "delivered", "ASSIGNED", #"{"attempt":2}"#),
            (9, "007-0000002", "progress", "WAITING_CITIZEN", #"{"state":"WAITING_CITIZEN","team":"00286-T01","update":4,"waitReason":"missing_documents"}"#),
            (10, "007-0000002", "progress", "IN_PROGRESS", #"{"state":"IN_PROGRESS","team":"00286-T01","update":5}"#),
            (11, "007-0000002", "requeued", "TRIAGED", nil),
        ]
        for (seq, id, kind, state, detail) in events {
            try db.execute(sql: "INSERT INTO event (seq, request_id, ward, at, kind, state, detail) VALUES (?, ?, '00286', ?, ?, ?, ?)",
                           arguments: [seq, id, 1000 + Double(seq), kind, state, detail])
        }
    }
}

@Suite("Journal: what it refuses to open, and what it reads from the previous release", .serialized)
struct JournalTests {
    @Test("a 0-byte journal is refused as empty, with what to do")
    func emptyFile() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = try #require(refusal(opening: path))
        guard case .empty(let named) = error else {
            Issue.record("expected .empty, got \(error)")
            return
        }
        #expect(named == path)
        #expect(error.description.contains("backup"))
        #expect(error.description.contains("Do not delete"))
        // Refusing did not turn the file into a fresh journal.
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0)
    }

    @Test("a file of random bytes is refused as damaged")
    func randomBytes() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<16_384).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(noise)))
        let error = try #require(refusal(opening: path))
        guard case .damaged(let named, _) = error else {
            Issue.record("expected .damaged, got \(error)")
            return
        }
        #expect(named == path)
        #expect(error.description.contains("restore it from your latest backup"))
    }

    @Test("a new journal round-trips typed requests and events")
    func roundTrip() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        var detail = EventDetail()
        detail.procedure = "1.001193"
        detail.helpType = .submitDossier
        detail.ageBand = .from80
        var batch = JournalBatch()
        batch.inserts = [StoredRequest(id: "007-0000001", number: 1, ward: "00286", procedure: "1.001193",
                                       field: "G15-TP07", isPriority: true, idempotencyKey: "k", body: Array("{}".utf8),
                                       state: .triaged, attempts: 0, needsAttention: false, outcome: nil, createdAt: 5)]
        let events = [
            JournalEvent(seq: 1, requestID: "007-0000001", ward: "00286", at: 5, kind: .accepted, state: .triaged, detail: detail),
            JournalEvent(seq: 2, requestID: "007-0000001", ward: "00286", at: 6, kind: .cancelled, state: .cancelled, detail: nil),
        ]
        batch.events = events
        batch.updates["007-0000001"] = .init(state: .cancelled, attempts: 0, needsAttention: false, outcome: .cancelled)
        try journal.commit(batch)
        #expect(try journal.events(requestID: "007-0000001") == events)
        let stored = try #require(try journal.request(id: "007-0000001"))
        #expect(stored.state == .cancelled)
        #expect(stored.outcome == .cancelled)
        #expect(try journal.id(forIdempotencyKey: "k") == "007-0000001")
    }

    @Test("a journal of the previous release reads back typed: states, outcomes, and every event's detail")
    func previousRelease() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        try writeOldRelease(at: path)
        let journal = try Journal(path: path)

        let resolved = try #require(try journal.request(id: "007-0000001"))
        #expect(resolved.state == .resolved)
        #expect(resolved.outcome == .submittedFullOnline)
        #expect(resolved.isPriority)
        let history = try journal.events(requestID: "007-0000001")
        #expect(history.map(\.kind) == [.accepted, .delivered, .progress, .resolved])
        #expect(history.map(\.state) == [.triaged, .assigned, .accepted, .resolved])

        let accepted = try #require(history[0].detail)
        #expect(accepted.ageBand == .from70To79)
        #expect(accepted.channel == .walkIn)
        #expect(accepted.citizen == "abc")
        #expect(accepted.field == "G15-TP07")
        #expect(accepted.helpType == .submitDossier)
        #expect(accepted.priority == true)
        #expect(accepted.procedure == "1.001193")
        #expect(accepted.residentialGroup == "TDP 5")
        #expect(history[1].detail?.attempt == 1)
        #expect(history[2].detail?.state == .accepted)
        #expect(history[2].detail?.team == "00286-T01")
        let final = try #require(history[3].detail)
        #expect(final.dossiers == ["X"])
        #expect(final.legacyLevel == 4)
        #expect(final.mode == .fullProcess)
        #expect(final.outcome == .submittedFullOnline)
        #expect(final.team == "00286-T01")

        let open = try journal.unresolved()
        #expect(open.map(\.id) == ["007-0000002"])
        #expect(open.first?.state == .inProgress)
        #expect(open.first?.outcome == nil)
        #expect(try journal.lastUpdates() == ["007-0000002": 5])
        let later = try journal.events(after: 5, limit: 10)
        #expect(later.map(\.kind) == [.overflow, .redelivery, .delivered, .progress, .progress, .requeued])
        #expect(later[0].detail?.to == "00277")
        #expect(later[1].detail?.retryInSeconds == 10)
        #expect(later[3].detail?.waitReason == .missingDocuments)
        #expect(later[5].detail == nil)
        #expect(try journal.counters() == (2, 11))
        // Written back by this release, the old request keeps going: a new event after the old ones.
        var batch = JournalBatch()
        batch.events = [JournalEvent(seq: 12, requestID: "007-0000002", ward: "00286", at: 2000, kind: .resolved,
                                     state: .resolved, detail: EventDetail(report: WorkerReport(outcome: .guidedOnly)))]
        batch.updates["007-0000002"] = .init(state: .resolved, attempts: 2, needsAttention: false, outcome: .guidedOnly)
        try journal.commit(batch)
        #expect(try journal.unresolved().isEmpty)
        #expect(try journal.events(requestID: "007-0000002").last?.detail?.outcome == .guidedOnly)
    }

    @Test("a state this release does not know is refused when read, naming the request and the value")
    func unknownState() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        try writeOldRelease(at: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE request SET state = 'ARCHIVED' WHERE id = '007-0000001'")
        }
        let journal = try Journal(path: path)
        do {
            _ = try journal.request(id: "007-0000001")
            Issue.record("an unknown state was read")
        } catch JournalError.unknownValue(let id, let column, let value) {
            #expect(id == "007-0000001")
            #expect(column == "state")
            #expect(value == "ARCHIVED")
        }
    }

    @Test("an event detail that is not an EventDetail is refused when read")
    func unreadableDetail() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        try writeOldRelease(at: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: #"UPDATE event SET detail = '{"attempt":"one"}' WHERE seq = 2"#)
        }
        let journal = try Journal(path: path)
        #expect(try journal.events(after: 2, limit: 10).count == 9, "the events around it still read")
        do {
            _ = try journal.events(requestID: "007-0000001")
            Issue.record("a detail of the wrong shape was read")
        } catch JournalError.unknownValue(let id, let column, let value) {
            #expect(id == "event 2")
            #expect(column == "detail")
            #expect(value.contains("attempt"))
        }
    }

    @Test("a data folder with the pseudonym key but no journal is refused as missing; a new or whole one is taken")
    func prepareDataFolder() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A first start: the folder is made and a key created.
        let fresh = folder + "/data"
        // Each preparation holds the folder's lock while its value lives; a scope each releases it.
        let first = try { try DispatcherApp.prepareDataFolder(fresh).pseudonyms }()
        #expect(FileManager.default.fileExists(atPath: fresh + "/citizen-pseudonym.key"))
        #expect(FileManager.default.fileExists(atPath: fresh + "/personal-data.keys"))
        // The journal is lost: the key alone is refused, and nothing is created beside it.
        do {
            _ = try DispatcherApp.prepareDataFolder(fresh)
            Issue.record("a key without its journal was taken")
        } catch JournalError.missing(let path, let keyPath) {
            #expect(path == fresh + "/journal.sqlite")
            #expect(keyPath == fresh + "/citizen-pseudonym.key")
        }
        #expect(!FileManager.default.fileExists(atPath: fresh + "/journal.sqlite"))
        // Key and journal together: the same install, the same pseudonyms.
        do { _ = try Journal(path: fresh + "/journal.sqlite") }
        let again = try { try DispatcherApp.prepareDataFolder(fresh).pseudonyms }()
        #expect(again.pseudonym(phone: "0912345678") == first.pseudonym(phone: "0912345678"))
    }
}
