import Foundation
import GRDB
import Storage
import XungKich

/// Personal data in the ward's store: sealed at rest, sealed again under a new key, and erased (on the
/// citizen's request, told by the dispatcher, or when its retention ends).
extension CaseStore {
    func sealed(_ plain: Data) throws(CaseStoreError) -> Data {
        guard let keys = keys.withLock({ $0 }) else { return plain }
        do {
            return Data(try keys.seal(plain))
        } catch {
            throw .writeFailed(file, reason: "\(error)")
        }
    }

    func opened(_ stored: Data) throws(CaseStoreError) -> Data {
        guard let keys = keys.withLock({ $0 }) else { return stored }
        do {
            return Data(try keys.open(stored))
        } catch {
            throw .damaged(file, reason: "\(error)")
        }
    }

    /// Seals every case still in plain text (a store from before sealing) and wipes the plain pages.
    func sealPlaintext() throws(CaseStoreError) {
        do {
            let count = try db.write { db -> Int in
                var count = 0
                for row in try Row.fetchAll(db, sql: "SELECT id, body, request FROM ward_case") {
                    let body: Data = row["body"] ?? Data()
                    let request: Data = row["request"] ?? Data()
                    guard !PersonalDataKeys.isSealed(body) || !PersonalDataKeys.isSealed(request) else { continue }
                    try db.execute(sql: "UPDATE ward_case SET body = ?, request = ? WHERE id = ?", arguments: [
                        PersonalDataKeys.isSealed(body) ? body : try sealed(body),
                        PersonalDataKeys.isSealed(request) ? request : try sealed(request), row["id"] as String?,
                    ])
                    count += 1
                }
                return count
            }
            if count > 0 { try scrub() }
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw StoreFileError(writing: file, error)
        }
    }

    /// Seals every case again with `newKeys`' active key (a rotation), in one transaction.
    public func reseal(with newKeys: PersonalDataKeys) throws(CaseStoreError) -> Int {
        do {
            let count = try db.write { db -> Int in
                let rows = try Row.fetchAll(db, sql: "SELECT id, body, request FROM ward_case")
                for row in rows {
                    let body = try opened(row["body"] ?? Data())
                    let request = try opened(row["request"] ?? Data())
                    try db.execute(sql: "UPDATE ward_case SET body = ?, request = ? WHERE id = ?", arguments: [
                        Data(try newKeys.seal(body)), Data(try newKeys.seal(request)), row["id"] as String?,
                    ])
                }
                return rows.count
            }
            keys.withLock { $0 = newKeys }
            try scrub()
            return count
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw StoreFileError(writing: file, error)
        }
    }

    /// Replaces a case and its request with their erased forms and marks it erased.
    public func erase(id: RequestID, body: Data, request: Data, at: Double) async throws(CaseStoreError) {
        let (body, request) = (try sealed(body), try sealed(request))
        do {
            try await db.write { db in
                try db.execute(sql: """
                    UPDATE ward_case SET body = ?, request = ?, erased_at = COALESCE(erased_at, ?) WHERE id = ?
                    """, arguments: [body, request, at, id.rawValue])
            }
            try scrub()
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw StoreFileError(writing: file, error)
        }
    }

    /// Resolved cases last changed before `cutoff` whose personal data is still held.
    public func resolvedHoldingPersonalData(before cutoff: Double) throws(CaseStoreError) -> [RequestID] {
        do {
            return try db.read { db in
                try String.fetchAll(db, sql: """
                    SELECT id FROM ward_case WHERE state IN ('RESOLVED', 'CANCELLED') AND erased_at IS NULL AND updated_at < ? ORDER BY id
                    """, arguments: [cutoff]).map(RequestID.init)
            }
        } catch {
            throw StoreFileError(opening: file, error)
        }
    }

    /// Moves the WAL into the file and empties it, so erased pages (overwritten by `secure_delete`) leave no copy.
    func scrub() throws {
        try db.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
