import Foundation
import GRDB

/// The ward worker's own durable store: every case, as JSON, with the request it came from (which
/// holds the citizen's contact details the team needs). SQLite through GRDB, WAL, synchronous=FULL,
/// so a restart loses nothing a team member entered.
public final class CaseStore: Sendable {
    private let db: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        db = try DatabaseQueue(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE ward_case (
                    id TEXT PRIMARY KEY,
                    state TEXT NOT NULL,
                    team TEXT,
                    body BLOB NOT NULL,
                    request BLOB NOT NULL,
                    updated_at REAL NOT NULL
                )
                """)
        }
        try migrator.migrate(db)
    }

    /// Saves a case (insert or replace).
    public func save(id: String, state: String, team: String?, body: Data, request: Data, at: Double) throws {
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO ward_case (id, state, team, body, request, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET state = excluded.state, team = excluded.team, body = excluded.body,
                    updated_at = excluded.updated_at
                """, arguments: [id, state, team, body, request, at])
        }
    }

    /// Forgets a case the ward gave back to the dispatcher (it may come back as a new delivery).
    public func delete(id: String) throws {
        try db.write { db in try db.execute(sql: "DELETE FROM ward_case WHERE id = ?", arguments: [id]) }
    }

    /// Every case with its request, oldest change first.
    public func all() throws -> [(body: Data, request: Data)] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT body, request FROM ward_case ORDER BY updated_at").map {
                (($0["body"] as Data?) ?? Data(), ($0["request"] as Data?) ?? Data())
            }
        }
    }
}
