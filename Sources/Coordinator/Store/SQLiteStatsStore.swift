import Foundation
import GRDB

/// The coordinator's embedded statistics store: SQLite through GRDB (WAL on disk, or in memory for tests).
///
/// Events fold into `request_fact`, one row per (district, request id), so that statistics are grouped
/// aggregates over facts rather than replays of the journal. `follower(district, last_seq)` remembers the
/// last sequence number applied per district; `apply` skips anything at or below it, so a replayed or
/// re-delivered batch changes nothing. Callers apply a district's events without gaps (the follower fetches
/// what it missed first): an event arriving after a later one of its district is ignored.
///
/// A request keeps the ward it was accepted in; an `overflow` to a neighbour ward does not move it.
public final class SQLiteStatsStore: StatsStore {
    private let db: DatabaseQueue
    /// The database file, or `:memory:` for a store in memory.
    public let path: String

    /// Opens (creating if needed) the store at `path` in WAL mode. `synchronous` is SQLite's setting; the
    /// default NORMAL may lose the last commits on power loss, which the follower refetches from the
    /// dispatchers on restart.
    public init(path: String, synchronous: String = "NORMAL") throws {
        self.path = path
        var configuration = Configuration()
        configuration.journalMode = .wal
        let mode = ["OFF", "NORMAL", "FULL", "EXTRA"].contains(synchronous.uppercased()) ? synchronous : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(mode)")
        }
        db = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(db)
    }

    /// A private store in memory: the same code without the disk. For tests and benchmarks.
    public init() throws {
        path = ":memory:"
        db = try DatabaseQueue()
        try Self.migrator.migrate(db)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE follower (
                    district TEXT PRIMARY KEY,
                    last_seq INTEGER NOT NULL
                );
                CREATE TABLE request_fact (
                    district TEXT NOT NULL,
                    request_id TEXT NOT NULL,
                    ward TEXT NOT NULL,
                    procedure TEXT,
                    field TEXT,
                    channel TEXT,
                    help_type TEXT,
                    age_band TEXT,
                    priority INTEGER,
                    received_at REAL,
                    first_assigned_at REAL,
                    first_contact_at REAL,
                    resolved_at REAL,
                    outcome TEXT,
                    failure_reason TEXT,
                    mode TEXT,
                    legacy_level INTEGER,
                    team TEXT,
                    state TEXT,
                    dossier_count INTEGER,
                    PRIMARY KEY (district, request_id)
                ) WITHOUT ROWID;
                CREATE INDEX request_fact_received ON request_fact(received_at);
                CREATE INDEX request_fact_district_received ON request_fact(district, received_at);
                CREATE INDEX request_fact_ward ON request_fact(ward, received_at);
                """)
        }
        return migrator
    }

    // MARK: Ingest

    /// Folds `events` into the store in one transaction. Events are taken in (district, seq) order whatever
    /// their order in the array; any event with `seq ≤` its district's last applied sequence is skipped.
    public func apply(_ events: [CoordinatorEvent]) throws {
        guard !events.isEmpty else { return }
        let ordered = Self.isOrdered(events) ? events : events.sorted { ($0.district, $0.seq) < ($1.district, $1.seq) }
        try db.write { db in
            var last: [String: Int64] = [:]
            var advanced: Set<String> = []
            for event in ordered {
                let previous: Int64
                if let known = last[event.district] {
                    previous = known
                } else {
                    previous = try Self.lastSequence(event.district, in: db)
                    last[event.district] = previous
                }
                guard event.seq > previous else { continue }
                try Self.fold(event, into: db)
                last[event.district] = event.seq
                advanced.insert(event.district)
            }
            for district in advanced {
                guard let seq = last[district] else { continue }
                try db.cachedStatement(sql: """
                    INSERT INTO follower (district, last_seq) VALUES (?, ?)
                    ON CONFLICT(district) DO UPDATE SET last_seq = excluded.last_seq
                    """).execute(arguments: [district, seq])
            }
        }
    }

    /// The last sequence number applied for `district` (0 when none).
    public func lastSequence(district: String) throws -> Int64 {
        try db.read { db in try Self.lastSequence(district, in: db) }
    }

    /// The last sequence number applied for every district seen.
    public func lastSequences() throws -> [String: Int64] {
        try db.read { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT district, last_seq FROM follower") {
                let district: String = row[0]
                result[district] = row[1]
            }
            return result
        }
    }

    private static func lastSequence(_ district: String, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT last_seq FROM follower WHERE district = ?"),
                           arguments: [district]) ?? 0
    }

    private static func isOrdered(_ events: [CoordinatorEvent]) -> Bool {
        var index = events.startIndex
        while index + 1 < events.endIndex {
            let a = events[index], b = events[index + 1]
            if (b.district, b.seq) < (a.district, a.seq) { return false }
            index += 1
        }
        return true
    }

    /// One event's effect on its request's fact row. Every statement is an upsert, so an event for a
    /// request not yet seen creates the row (without `received_at`, it is not counted until accepted).
    private static func fold(_ e: CoordinatorEvent, into db: Database) throws {
        let d = e.detail
        switch e.kind {
        case "accepted":
            try db.cachedStatement(sql: """
                INSERT INTO request_fact (district, request_id, ward, procedure, field, channel, help_type,
                                          age_band, priority, received_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(district, request_id) DO UPDATE SET
                    ward = excluded.ward, procedure = excluded.procedure, field = excluded.field,
                    channel = excluded.channel, help_type = excluded.help_type, age_band = excluded.age_band,
                    priority = excluded.priority, received_at = excluded.received_at,
                    state = COALESCE(state, excluded.state)
                """).execute(arguments: [e.district, e.requestID, e.ward, d["procedure"], d["field"], d["channel"],
                                         d["helpType"], d["ageBand"], priority(d["priority"]), e.at,
                                         e.state ?? "TRIAGED"])
        case "resolved":
            try db.cachedStatement(sql: """
                INSERT INTO request_fact (district, request_id, ward, state, resolved_at, outcome, failure_reason,
                                          mode, legacy_level, team, dossier_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(district, request_id) DO UPDATE SET
                    state = excluded.state, resolved_at = excluded.resolved_at, outcome = excluded.outcome,
                    failure_reason = excluded.failure_reason, mode = excluded.mode,
                    legacy_level = excluded.legacy_level, team = COALESCE(excluded.team, team),
                    dossier_count = excluded.dossier_count
                """).execute(arguments: [e.district, e.requestID, e.ward, e.state ?? "RESOLVED", e.at, d["outcome"],
                                         d["failureReason"], d["mode"], integer(d["legacyLevel"]), d["team"],
                                         integer(d["dossierCount"])])
        default:
            let state = e.state ?? (e.kind == "cancelled" ? "CANCELLED" : nil)
            let assignedAt = (e.kind == "delivered" || e.kind == "overflow") ? e.at : nil
            let contactAt = (e.kind == "progress" && state == "IN_PROGRESS") ? e.at : nil
            try db.cachedStatement(sql: """
                INSERT INTO request_fact (district, request_id, ward, state, first_assigned_at, first_contact_at, team)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(district, request_id) DO UPDATE SET
                    state = COALESCE(excluded.state, state),
                    first_assigned_at = COALESCE(first_assigned_at, excluded.first_assigned_at),
                    first_contact_at = COALESCE(first_contact_at, excluded.first_contact_at),
                    team = COALESCE(excluded.team, team)
                """).execute(arguments: [e.district, e.requestID, e.ward, state, assignedAt, contactAt, d["team"]])
        }
    }

    /// "1"/"true" → 1, "0"/"false" → 0, anything else → NULL.
    private static func priority(_ text: String?) -> Int? {
        switch text?.lowercased() {
        case "1", "true": 1
        case "0", "false": 0
        default: nil
        }
    }

    private static func integer(_ text: String?) -> Int? {
        guard let text else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value.rounded() == value { return Int(exactly: value) }
        return nil
    }

    // MARK: Statistics

    private static let resolvedCondition =
        "(outcome IS NOT NULL AND outcome NOT IN ('CANCELLED', 'DUPLICATE', 'OUT_OF_SCOPE'))"
    private static let openCondition =
        "(outcome IS NULL AND COALESCE(state, '') NOT IN ('RESOLVED', 'CANCELLED', 'CLOSED'))"

    /// Statistics grouped by `groupBy` over requests received in `[since, until)` (seconds since 1970, either
    /// bound optional), in one district or all. Rows are ordered by key, a `nil` key first.
    public func stats(groupBy: StatsDimension, since: Double? = nil, until: Double? = nil,
                      district: String? = nil) throws -> [StatsRow] {
        var conditions = ["received_at IS NOT NULL"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let since { conditions.append("received_at >= ?"); arguments.append(since) }
        if let until { conditions.append("received_at < ?"); arguments.append(until) }
        if let district { conditions.append("district = ?"); arguments.append(district) }
        let filter = conditions.joined(separator: " AND ")
        let key = groupBy.sqlExpression
        let counts = """
            SELECT \(key) AS k,
                   COUNT(*),
                   SUM(CASE WHEN \(Self.resolvedCondition) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN \(Self.openCondition) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN outcome IN ('SUBMITTED_FULL_ONLINE', 'SUBMITTED_PARTIAL_ONLINE') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN outcome = 'SUBMITTED_FULL_ONLINE' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN age_band IN ('60_69', '70_79', '80_plus') THEN 1 ELSE 0 END),
                   MIN(CASE WHEN \(Self.openCondition) THEN received_at END)
            FROM request_fact WHERE \(filter)
            GROUP BY k ORDER BY k
            """
        let durations = """
            SELECT \(key) AS k, resolved_at - received_at
            FROM request_fact WHERE \(filter) AND \(Self.resolvedCondition) AND resolved_at IS NOT NULL
            """
        let statementArguments = StatementArguments(arguments)
        return try db.read { db in
            var times: [String?: [Double]] = [:]
            let cursor = try Row.fetchCursor(db, sql: durations, arguments: statementArguments)
            while let row = try cursor.next() {
                let group: String? = row[0]
                let seconds: Double = row[1]
                times[group, default: []].append(seconds)
            }
            return try Row.fetchAll(db, sql: counts, arguments: statementArguments).map { row in
                let group: String? = row[0]
                let sorted = (times[group] ?? []).sorted()
                return StatsRow(
                    key: group, received: row[1], resolved: row[2], open: row[3], onlineSubmissions: row[4],
                    fullProcess: row[5], failed: row[6], aged60Plus: row[7],
                    medianSecondsToResolve: Quantiles.median(ofSorted: sorted),
                    p90SecondsToResolve: Quantiles.nearestRank(90, ofSorted: sorted),
                    oldestOpenReceivedAt: row[8])
            }
        }
    }

    /// Open requests by their current state (the backlog), over the same filters as `stats`.
    public func backlog(since: Double? = nil, until: Double? = nil, district: String? = nil) throws -> [String: Int] {
        var conditions = ["received_at IS NOT NULL", Self.openCondition]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let since { conditions.append("received_at >= ?"); arguments.append(since) }
        if let until { conditions.append("received_at < ?"); arguments.append(until) }
        if let district { conditions.append("district = ?"); arguments.append(district) }
        let sql = """
            SELECT COALESCE(state, 'UNKNOWN'), COUNT(*) FROM request_fact
            WHERE \(conditions.joined(separator: " AND ")) GROUP BY 1
            """
        return try db.read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                let state: String = row[0]
                result[state] = row[1]
            }
            return result
        }
    }
}
