import Foundation
import GRDB
import Storage
import Synchronization
import XungKich

/// The ward's cases on disk: SQLite through GRDB, WAL, `synchronous=FULL`, one row per case with the
/// case (history, resolution) and the request it came from. Writes run on GRDB's own queue (`await`), so a
/// slow fsync never holds a thread of Swift's cooperative pool.
public final class CaseStore: Sendable {
    let db: DatabaseQueue
    public let path: String
    var file: StoreFile { StoreFile(path: path, role: .caseStore) }
    /// Seals each case and its request (the citizen's name, phone, note and the team's notes) before they are
    /// written. Nil only in tests of the store itself.
    let keys: Mutex<PersonalDataKeys?>

    /// Opens (creating if needed) the store at `path`.
    ///
    /// - Throws: ``CaseStoreError`` when the file is empty or damaged (restore it from a backup: the
    ///   dispatcher would redeliver open cases to an empty store, but their teams' work would be lost), or
    ///   cannot be opened.
    public init(path: String, keys: PersonalDataKeys? = nil) throws(CaseStoreError) {
        self.path = path
        self.keys = Mutex(keys)
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
        migrator.registerMigration("v2-personal-data") { db in
            // When the case's personal data was erased (retention or the citizen's request); NULL while held.
            try db.execute(sql: "ALTER TABLE ward_case ADD COLUMN erased_at REAL")
        }
        migrator.registerMigration("v3-members") { db in
            // Team members' logins for the team page: a bcrypt hash, never the password.
            try db.execute(sql: """
                CREATE TABLE team_member (
                    name TEXT PRIMARY KEY,
                    team TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at REAL NOT NULL
                )
                """)
        }
        db = try SQLiteFile.open(StoreFile(path: path, role: .caseStore), synchronous: .full, migrator: migrator).queue
        if keys != nil { try sealPlaintext() }
    }

    /// Saves a case (insert or replace). The request is written with the first save only.
    public func save(id: RequestID, state: String, team: TeamID?, body: Data, request: Data, at: Double) async throws(CaseStoreError) {
        let (body, request) = (try sealed(body), try sealed(request))
        do {
            try await db.write { db in
                try db.execute(sql: """
                    INSERT INTO ward_case (id, state, team, body, request, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET state = excluded.state, team = excluded.team, body = excluded.body,
                        updated_at = excluded.updated_at
                    """, arguments: [id.rawValue, state, team?.rawValue, body, request, at])
            }
        } catch {
            throw StoreFileError(writing: file, error)
        }
    }

    /// Removes a case the ward gave back to the dispatcher.
    public func delete(id: RequestID) async throws(CaseStoreError) {
        do {
            try await db.write { db in try db.execute(sql: "DELETE FROM ward_case WHERE id = ?", arguments: [id.rawValue]) }
        } catch {
            throw StoreFileError(writing: file, error)
        }
    }

    /// Every case with its request, oldest change first (read once at start).
    public func all() throws(CaseStoreError) -> [(body: Data, request: Data)] {
        do {
            return try db.read { db in
                try Row.fetchAll(db, sql: "SELECT body, request FROM ward_case ORDER BY updated_at").map {
                    (try opened(($0["body"] as Data?) ?? Data()), try opened(($0["request"] as Data?) ?? Data()))
                }
            }
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw StoreFileError(opening: file, error)
        }
    }
}
