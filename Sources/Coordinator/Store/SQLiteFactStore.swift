import Foundation
import GRDB
import Storage
import XungKichWire

/// The coordinator's embedded fact store: SQLite through GRDB (WAL on disk, or in memory for tests).
///
/// One row per `(district, request_id)` in `request_fact`, the last applied sequence number per district in
/// `follower`, and the official monthly totals in `baseline`.
public final class SQLiteFactStore: FactStore {
    private let db: DatabaseQueue
    /// The database file, or `:memory:` for a store in memory.
    public let path: String

    /// Opens (creating if needed) the store at `path` in WAL mode (``SQLiteFile``). NORMAL `synchronous` may
    /// lose the last commits on power loss, which the coordinator refetches from the dispatchers on restart (it
    /// resumes from the last sequence number that was stored).
    ///
    /// - Throws: ``StoreFileError`` when the file is empty or damaged, or cannot be opened.
    public init(path: String, synchronous: SQLiteFile.Synchronous = .normal) throws {
        self.path = path
        db = try SQLiteFile.open(StoreFile(path: path, role: .statistics), synchronous: synchronous,
                                 migrator: Self.migrator).queue
    }

    /// A private store in memory: the same code without the disk. For tests and benchmarks.
    public init() throws {
        path = ":memory:"
        db = try DatabaseQueue()
        try Self.migrator.migrate(db)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v2-facts") { db in
            try db.execute(sql: """
                CREATE TABLE follower (
                    district TEXT PRIMARY KEY,
                    last_seq INTEGER NOT NULL
                );
                CREATE TABLE request_fact (
                    district TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    ward TEXT NOT NULL,
                    procedure TEXT, field TEXT, channel TEXT, help_type TEXT, age_band TEXT,
                    residential_group TEXT, citizen TEXT, priority INTEGER,
                    received_at REAL, first_assigned_at REAL, first_contact_at REAL, resolved_at REAL,
                    waiting_since REAL, waited_seconds REAL NOT NULL DEFAULT 0,
                    state TEXT, outcome TEXT, failure_reason TEXT, mode TEXT, legacy_level INTEGER,
                    dossier_count INTEGER, team TEXT,
                    assignments INTEGER NOT NULL DEFAULT 0,
                    declined_by TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (district, request_id)
                ) WITHOUT ROWID;
                CREATE TABLE baseline (
                    district TEXT NOT NULL,
                    ward TEXT NOT NULL,
                    month TEXT NOT NULL,
                    dossiers_resolved INTEGER NOT NULL,
                    online_dossiers INTEGER NOT NULL,
                    full_process_dossiers INTEGER NOT NULL,
                    on_time_dossiers INTEGER NOT NULL,
                    PRIMARY KEY (district, ward, month)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    public func lastSequences() async throws -> [String: Int64] {
        try await db.read { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT district, last_seq FROM follower") {
                let district: String = row[0]
                result[district] = row[1]
            }
            return result
        }
    }

    private static let columns = """
        district, request_id, ward, procedure, field, channel, help_type, age_band, residential_group, citizen,
        priority, received_at, first_assigned_at, first_contact_at, resolved_at, waiting_since, waited_seconds,
        state, outcome, failure_reason, mode, legacy_level, dossier_count, team, assignments, declined_by
        """

    public func facts(after cursor: (district: String, requestID: String)?, limit: Int) async throws -> [RequestFact] {
        let district = cursor?.district, requestID = cursor?.requestID
        return try await db.read { db in
            let rows: [Row]
            if let district, let requestID {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Self.columns) FROM request_fact WHERE (district, request_id) > (?, ?)
                    ORDER BY district, request_id LIMIT ?
                    """, arguments: [district, requestID, limit])
            } else {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Self.columns) FROM request_fact ORDER BY district, request_id LIMIT ?
                    """, arguments: [limit])
            }
            return rows.map(Self.fact(from:))
        }
    }

    private static func fact(from row: Row) -> RequestFact {
        var fact = RequestFact(district: row[0], requestID: row[1], ward: row[2])
        fact.procedure = row[3]
        fact.field = row[4]
        fact.channel = row[5]
        fact.helpType = row[6]
        fact.ageBand = row[7]
        fact.residentialGroup = row[8]
        fact.citizen = row[9]
        fact.priority = (row[10] as Int?).map { $0 != 0 }
        fact.receivedAt = row[11]
        fact.firstAssignedAt = row[12]
        fact.firstContactAt = row[13]
        fact.resolvedAt = row[14]
        fact.waitingSince = row[15]
        fact.waitedSeconds = row[16]
        fact.state = row[17]
        fact.outcome = row[18]
        fact.failureReason = row[19]
        fact.mode = row[20]
        fact.legacyLevel = row[21]
        fact.dossierCount = row[22]
        fact.team = row[23]
        fact.assignments = row[24]
        let declined: String = row[25]
        fact.declinedBy = declined.isEmpty ? [] : declined.split(separator: ",").map(String.init)
        return fact
    }

    public func commit(_ facts: [RequestFact], sequences: [String: Int64]) async throws {
        try await db.write { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO request_fact (\(Self.columns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for f in facts {
                let values: [(any DatabaseValueConvertible)?] = [
                    f.district, f.requestID, f.ward, f.procedure, f.field, f.channel, f.helpType, f.ageBand,
                    f.residentialGroup, f.citizen, f.priority.map { $0 ? 1 : 0 }, f.receivedAt, f.firstAssignedAt,
                    f.firstContactAt, f.resolvedAt, f.waitingSince, f.waitedSeconds, f.state, f.outcome,
                    f.failureReason, f.mode, f.legacyLevel, f.dossierCount, f.team, f.assignments,
                    f.declinedBy.joined(separator: ","),
                ]
                try upsert.execute(arguments: StatementArguments(values))
            }
            let follower = try db.cachedStatement(sql: """
                INSERT INTO follower (district, last_seq) VALUES (?, ?)
                ON CONFLICT(district) DO UPDATE SET last_seq = excluded.last_seq
                """)
            for (district, seq) in sequences {
                try follower.execute(arguments: [district, seq])
            }
        }
    }

    public func baseline() async throws -> [BaselineRow] {
        try await db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT district, ward, month, dossiers_resolved, online_dossiers, full_process_dossiers,
                       on_time_dossiers FROM baseline ORDER BY district, ward, month
                """).map { row in
                BaselineRow(district: row[0], ward: row[1], month: row[2], dossiersResolved: row[3],
                            onlineDossiers: row[4], fullProcessDossiers: row[5], onTimeDossiers: row[6])
            }
        }
    }

    public func saveBaseline(_ rows: [BaselineRow]) async throws {
        try await db.write { db in
            let upsert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO baseline (district, ward, month, dossiers_resolved, online_dossiers,
                                                 full_process_dossiers, on_time_dossiers)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for r in rows {
                try upsert.execute(arguments: [r.district, r.ward, r.month, r.dossiersResolved, r.onlineDossiers,
                                               r.fullProcessDossiers, r.onTimeDossiers])
            }
        }
    }
}
