import Foundation
import GRDB
import Storage
import XungKich
import XungKichWire

/// The dispatcher's journal: SQLite through GRDB, WAL, `synchronous=FULL` by default. Used only from
/// the dispatcher's loop thread. A request is answered with its id only after the batch holding it
/// committed, so an id handed out is an id on disk.
public final class Journal {
    let db: DatabaseQueue
    public let path: String
    /// Seals each request's body (the citizen's name, phone and note) before it is written; nil only for a
    /// journal in memory.
    public internal(set) var keys: PersonalDataKeys?

    /// Opens (creating if needed) the journal at `path`. `synchronous` is SQLite's setting:
    /// FULL (default) fsyncs every commit; NORMAL trades the last commits on power loss for speed.
    ///
    /// - Throws: ``JournalError`` when the file exists but is empty or not a journal (restore it from a
    ///   backup: starting afresh would hand out ids again), or cannot be opened.
    public init(path: String, synchronous: String = "FULL", keys: PersonalDataKeys? = nil) throws(JournalError) {
        self.path = path
        self.keys = keys
        let mode: SQLiteFile.Synchronous = synchronous == "NORMAL" ? .normal : .full
        do {
            let opened = try SQLiteFile.open(StoreFile(path: path, role: .journal), synchronous: mode, migrator: Self.migrator)
            db = opened.queue
            openedExclusively = opened.exclusive
            // A journal from this project has the request table; anything else is not ours.
            guard try db.read({ try $0.tableExists("request") && $0.tableExists("event") }) else {
                throw JournalError.damaged(path: path, reason: "it has no request and event tables")
            }
            if keys != nil { try sealPlaintextBodies() }
        } catch let error as StoreFileError {
            throw JournalError(error)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// Whether the journal was opened with an exclusive lock because the disk was full at start.
    public let openedExclusively: Bool

    /// A journal in memory: the same code path without the disk. For benchmarks that separate the
    /// cost of durability from the rest; nothing survives the process.
    public init(inMemoryNamed name: String) throws(JournalError) {
        path = ":memory:\(name)"
        openedExclusively = false
        do {
            db = try DatabaseQueue(named: name)
            try Self.migrator.migrate(db)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE request (
                    id TEXT PRIMARY KEY,
                    number INTEGER NOT NULL UNIQUE,
                    ward TEXT NOT NULL,
                    procedure TEXT NOT NULL,
                    field TEXT NOT NULL,
                    is_priority INTEGER NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    body BLOB NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    needs_attention INTEGER NOT NULL,
                    outcome TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX request_open ON request(state) WHERE state NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED');
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY,
                    request_id TEXT NOT NULL,
                    ward TEXT NOT NULL,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    state TEXT,
                    detail TEXT
                );
                CREATE INDEX event_request ON event(request_id, seq);
                """)
        }
        migrator.registerMigration("v2-personal-data") { db in
            // When the personal fields of a request were erased (retention or a citizen's request); NULL while held.
            // Notices owed to wards (a cancellation, an erasure) until their worker confirms them.
            try db.execute(sql: """
                ALTER TABLE request ADD COLUMN erased_at REAL;
                CREATE TABLE ward_notice (
                    request_id TEXT NOT NULL,
                    ward TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (request_id, ward, kind)
                );
                """)
        }
        migrator.registerMigration("v3-units") { db in
            // The unit a request was filed under, as CODE@YYYY-MM-DD (its first day): the GSO reused codes for new
            // units in 2025, so the code alone merges different places. NULL in journals of earlier releases until
            // ``backfillUnits(_:)`` fills it from the config; `ward` stays the code the request is routed to.
            try db.execute(sql: "ALTER TABLE request ADD COLUMN unit TEXT")
        }
        return migrator
    }

    /// Fills the unit of requests journaled by a release that did not record it: `unitOf(code, createdAt)` says
    /// which unit the code meant then (``DistrictConfig/filedUnit(code:at:)``). Requests it cannot place keep no
    /// unit and are counted under their bare code, as before. Returns how many were filled.
    /// `unitOf` is told the code, the creation time and the jurisdiction code the request's id starts with.
    @discardableResult
    public func backfillUnits(_ unitOf: (_ code: String, _ at: Double, _ jurisdiction: String) -> UnitKey?) throws -> Int {
        try db.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, ward, created_at FROM request WHERE unit IS NULL")
            var filled = 0
            for row in rows {
                let code: String = row["ward"] ?? "", at: Double = row["created_at"] ?? 0
                // The id starts with the code of the jurisdiction whose dispatcher took it (007-0000042).
                let id: String = row["id"] ?? ""
                let jurisdiction = String(id.prefix { $0 != "-" })
                guard let key = unitOf(code, at, jurisdiction) else { continue }
                try db.execute(sql: "UPDATE request SET unit = ? WHERE id = ?", arguments: [key.text, row["id"] as String? ?? ""])
                filled += 1
            }
            return filled
        }
    }

    /// Writes a batch in one transaction.
    public func commit(_ batch: JournalBatch) throws {
        guard !batch.isEmpty else { return }
        try db.write { db in
            // Cached statements, each looked up once per batch: preparing the same SQL for every row showed in
            // profiles, and so did finding it again in the cache (hashing the SQL text) for every row.
            if !batch.inserts.isEmpty {
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO request (id, number, ward, procedure, field, is_priority, idempotency_key, body,
                                         state, attempts, needs_attention, outcome, created_at, unit)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for r in batch.inserts {
                    try insert.execute(arguments: [r.id.rawValue, r.number, r.ward.rawValue, r.procedure, r.field, r.isPriority,
                                                   r.idempotencyKey, Data(try sealed(r.body)), r.state.rawValue, r.attempts,
                                                   r.needsAttention, r.outcome?.rawValue, r.createdAt, r.unit?.text])
                }
            }
            for (id, ward) in batch.moves {
                try db.cachedStatement(sql: "UPDATE request SET ward = ? WHERE id = ?").execute(arguments: [ward.rawValue, id.rawValue])
            }
            if !batch.updates.isEmpty {
                let update = try db.cachedStatement(sql: "UPDATE request SET state = ?, attempts = ?, needs_attention = ?, outcome = ? WHERE id = ?")
                for (id, u) in batch.updates {
                    try update.execute(arguments: [u.state.rawValue, u.attempts, u.needsAttention, u.outcome?.rawValue, id.rawValue])
                }
            }
            for (ward, notice) in batch.wardNotices {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO ward_notice (request_id, ward, kind) VALUES (?, ?, ?)")
                    .execute(arguments: [notice.id.rawValue, ward.rawValue, notice.kind.rawValue])
            }
            for (ward, notices) in batch.wardNoticesTold {
                for notice in notices {
                    try db.cachedStatement(sql: "DELETE FROM ward_notice WHERE request_id = ? AND ward = ? AND kind = ?")
                        .execute(arguments: [notice.id.rawValue, ward.rawValue, notice.kind.rawValue])
                }
            }
            if !batch.events.isEmpty {
                let insert = try db.cachedStatement(sql: "INSERT INTO event (seq, request_id, ward, at, kind, state, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
                for e in batch.events {
                    // The detail is written without Foundation's encoder when it can be: the same bytes (SortedJSONWriter).
                    let detail = try e.detail.map { String(decoding: try $0.fastWireJSON ?? WireJSON.encodeOrThrow($0), as: UTF8.self) }
                    try insert.execute(arguments: [e.seq, e.requestID.rawValue, e.ward.rawValue, e.at, e.kind.rawValue,
                                                   e.state?.rawValue, detail])
                }
            }
        }
    }

    /// The highest request number and event sequence on disk (0 when empty).
    public func counters() throws -> (requestNumber: Int64, eventSeq: Int64) {
        try db.read { db in
            let number = try Int64.fetchOne(db, sql: "SELECT MAX(number) FROM request") ?? 0
            let seq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM event") ?? 0
            return (number, seq)
        }
    }

    /// The id already given to an idempotency key, if any.
    public func id(forIdempotencyKey key: String) throws -> RequestID? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM request WHERE idempotency_key = ?", arguments: [key]).map(RequestID.init)
        }
    }

    /// Every accepted request not yet resolved, closed or cancelled, oldest first.
    public func unresolved() throws -> [StoredRequest] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM request WHERE state NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED') ORDER BY number
                """).map(request)
        }
    }

    /// For each unresolved request, the highest numbered worker update journaled (`WorkerReport.update`).
    public func lastUpdates() throws -> [RequestID: Int] {
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.request_id AS id, MAX(CAST(json_extract(e.detail, '$.update') AS INTEGER)) AS last
                FROM event e JOIN request r ON r.id = e.request_id
                WHERE e.kind = 'progress' AND r.state NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')
                GROUP BY e.request_id
                """)
            var result: [RequestID: Int] = [:]
            for row in rows { if let id: String = row["id"], let last: Int = row["last"] { result[RequestID(id)] = last } }
            return result
        }
    }

    /// The unresolved requests the switch-over has handled (a `switched` event), so a second switch leaves them be.
    public func switchedRequests() throws -> Set<RequestID> {
        try db.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT e.request_id FROM event e JOIN request r ON r.id = e.request_id
                WHERE e.kind = 'switched' AND r.state NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED')
                """).map(RequestID.init))
        }
    }

    public func request(id: RequestID) throws -> StoredRequest? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM request WHERE id = ?", arguments: [id.rawValue]).map(request)
        }
    }

    /// A request's history, oldest first.
    public func events(requestID: RequestID) throws -> [JournalEvent] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, r.unit AS unit FROM event e LEFT JOIN request r ON r.id = e.request_id
                WHERE e.request_id = ? ORDER BY e.seq
                """, arguments: [requestID.rawValue])
                .map(Self.event)
        }
    }

    /// Events after `seq`, oldest first, at most `limit` (the coordinator's catch-up).
    public func events(after seq: Int64, limit: Int) throws -> [JournalEvent] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, r.unit AS unit FROM event e LEFT JOIN request r ON r.id = e.request_id
                WHERE e.seq > ? ORDER BY e.seq LIMIT ?
                """, arguments: [seq, limit])
                .map(Self.event)
        }
    }

    /// Requests flagged for an operator, oldest first.
    public func needingAttention() throws -> [StoredRequest] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE needs_attention = 1 ORDER BY number").map(request)
        }
    }

    func request(_ row: Row) throws -> StoredRequest {
        let body = try opened(row["body"] ?? Data(), id: row["id"] ?? "")
        let id: String = row["id"] ?? ""
        let stateText: String = row["state"] ?? ""
        guard let state = RequestState(rawValue: stateText) else {
            throw JournalError.unknownValue(id: id, column: "state", value: stateText)
        }
        let outcomeText: String? = row["outcome"]
        let outcome = try outcomeText.map { text in
            guard let outcome = Outcome(rawValue: text) else {
                throw JournalError.unknownValue(id: id, column: "outcome", value: text)
            }
            return outcome
        }
        return StoredRequest(
            id: RequestID(id), number: row["number"] ?? 0, ward: WardCode(row["ward"] ?? ""), procedure: row["procedure"] ?? "",
            field: row["field"] ?? "", isPriority: row["is_priority"] ?? false, idempotencyKey: row["idempotency_key"],
            body: body, state: state, attempts: row["attempts"] ?? 0,
            needsAttention: row["needs_attention"] ?? false, outcome: outcome, createdAt: row["created_at"] ?? 0,
            unit: (row["unit"] as String?).flatMap(UnitKey.init(text:)))
    }

    private static func event(_ row: Row) throws -> JournalEvent {
        let seq: Int64 = row["seq"] ?? 0
        let stateText: String? = row["state"]
        let detailText: String? = row["detail"]
        var detail: EventDetail?
        if let detailText {
            do {
                detail = try WireJSON.decode(EventDetail.self, from: Array(detailText.utf8))
            } catch {
                throw JournalError.unknownValue(id: "event \(seq)", column: "detail", value: error.message)
            }
        }
        var state: RequestState?
        if let stateText {
            guard let known = RequestState(rawValue: stateText) else {
                throw JournalError.unknownValue(id: "event \(seq)", column: "state", value: stateText)
            }
            state = known
        }
        return JournalEvent(seq: seq, requestID: RequestID(row["request_id"] ?? ""), ward: WardCode(row["ward"] ?? ""),
                            at: row["at"] ?? 0, kind: EventKind(row["kind"] ?? ""), state: state, detail: detail,
                            unit: (row["unit"] as String?).flatMap(UnitKey.init(text:)))
    }
}
