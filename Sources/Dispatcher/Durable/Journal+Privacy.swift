import Foundation
import GRDB
import Storage
import XungKich
import XungKichWire

/// Personal data in the journal: sealed at rest, sealed again under a new key, erased on a citizen's request
/// or when its retention ends — and the wards that hold a copy told to erase theirs.
extension Journal {
    /// A body as written: sealed with the active key.
    func sealed(_ body: [UInt8]) throws -> [UInt8] {
        guard let keys else { return body }
        return try keys.seal(body)
    }

    /// A body as read: opened with the key that sealed it (bodies from before sealing come back as they are).
    func opened(_ stored: Data, id: String) throws -> [UInt8] {
        guard let keys else { return [UInt8](stored) }
        do {
            return try keys.open(stored)
        } catch {
            throw JournalError.unknownValue(id: id, column: "body", value: "\(error)")
        }
    }

    /// Seals every body still in plain text (a journal from before sealing), then rewrites the file so no
    /// plain copy stays in its free pages or WAL.
    func sealPlaintextBodies() throws {
        let count = try rewriteBodies { body, _ in PersonalDataKeys.isSealed(body) ? nil : try self.sealed([UInt8](body)) }
        if count > 0 { try scrub() }
    }

    /// Seals every body again with `newKeys`' active key (a rotation). The caller keeps the old key in the key
    /// file until this returns: a crash midway leaves bodies under either key, all readable.
    public func reseal(with newKeys: PersonalDataKeys) throws -> Int {
        let count = try rewriteBodies { body, id in try newKeys.seal(try self.opened(body, id: id)) }
        keys = newKeys
        try scrub()
        return count
    }

    /// Rewrites request bodies a thousand at a time (a journal of millions never sits in memory whole);
    /// `change` returns the new body, or nil to leave one as it is. Returns how many changed.
    private func rewriteBodies(_ change: (Data, String) throws -> [UInt8]?) throws -> Int {
        var count = 0
        var after: Int64 = -1
        while true {
            let (changed, last) = try db.write { db -> (Int, Int64?) in
                let rows = try Row.fetchAll(db, sql: "SELECT number, id, body FROM request WHERE number > ? ORDER BY number LIMIT 1000",
                                            arguments: [after])
                var changed = 0
                for row in rows {
                    let id: String = row["id"] ?? ""
                    guard let body = try change(row["body"] ?? Data(), id) else { continue }
                    try db.execute(sql: "UPDATE request SET body = ? WHERE id = ?", arguments: [Data(body), id])
                    changed += 1
                }
                return (changed, rows.last?["number"])
            }
            count += changed
            guard let last else { return count }
            after = last
        }
    }

    /// Ids of every request of the citizen whose keyed pseudonym is `pseudonym` (from the `accepted` events).
    public func requestIDs(citizenPseudonym pseudonym: String) throws -> [RequestID] {
        try db.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT request_id FROM event WHERE kind = 'accepted' AND json_extract(detail, '$.citizen') = ?
                ORDER BY request_id
                """, arguments: [pseudonym]).map(RequestID.init)
        }
    }

    /// Requests finished (resolved, closed or cancelled) before `cutoff` whose personal data is still held.
    public func finishedHoldingPersonalData(before cutoff: Double) throws -> [RequestID] {
        try db.read { db in
            try String.fetchAll(db, sql: """
                SELECT r.id FROM request r
                WHERE r.state IN ('RESOLVED', 'CLOSED', 'CANCELLED') AND r.erased_at IS NULL
                  AND (SELECT MAX(e.at) FROM event e WHERE e.request_id = r.id) < ?
                ORDER BY r.number
                """, arguments: [cutoff]).map(RequestID.init)
        }
    }

    /// What one erasure did to a request.
    public struct Erased: Sendable, Equatable {
        public var id: RequestID
        /// Whether a name, phone or note was there to erase (false when already erased or anonymous).
        public var hadPersonalData: Bool
        /// Wards that were sent the request, to be told to erase their copy.
        public var wards: [WardCode]
    }

    /// Replaces each request's body with its redacted form (no name, phone, note; the age band, ward and
    /// statistics facts stay), records the wards to tell, and wipes the old pages. Returns the new bodies too,
    /// for the desk's open requests.
    public func erasePersonalData(_ ids: [RequestID], now: Double, tellWards: Bool = true) throws -> [(Erased, body: [UInt8])] {
        guard !ids.isEmpty else { return [] }
        let result = try db.write { db -> [(Erased, body: [UInt8])] in
            var result: [(Erased, body: [UInt8])] = []
            for id in ids {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, ward, body FROM request WHERE id = ?",
                                                 arguments: [id.rawValue]) else { continue }
                let plain = try opened(row["body"] ?? Data(), id: id.rawValue)
                let original = try WireJSON.decode(HelpRequest.self, from: plain)
                let redacted = original.redacted
                let body = try WireJSON.encodeOrThrow(redacted)
                // The idempotency key goes too: one made from a CSV row hashes the phone (``HelpRequestCSV``).
                try db.execute(sql: """
                    UPDATE request SET body = ?, erased_at = COALESCE(erased_at, ?), idempotency_key = NULL WHERE id = ?
                    """,
                               arguments: [Data(try sealed(body)), now, id.rawValue])
                // Its own ward first, then any neighbour it overflowed to; none if it was never sent.
                let own = WardCode(row["ward"] ?? "")
                let sent = tellWards ? try Self.wardsSent(db, id) : []
                let wards = sent.isEmpty ? [] : [own] + sent.filter { $0 != own }
                for ward in wards {
                    try db.execute(sql: "INSERT OR IGNORE INTO ward_notice (request_id, ward, kind) VALUES (?, ?, 'erase')",
                                   arguments: [id.rawValue, ward.rawValue])
                }
                let had = original.citizen?.hasPersonalData == true || original.note != nil
                result.append((Erased(id: id, hadPersonalData: had, wards: wards), body))
            }
            return result
        }
        try scrub()
        return result
    }

    /// The wards a request was sent to: its own, and neighbours it overflowed to.
    public func wardsSent(_ id: RequestID) throws -> [WardCode] {
        try db.read { db in try Self.wardsSent(db, id) }
    }

    private static func wardsSent(_ db: Database, _ id: RequestID) throws -> [WardCode] {
        try String.fetchAll(db, sql: """
            SELECT ward FROM event WHERE request_id = ? AND kind = 'delivered'
            UNION SELECT json_extract(detail, '$.to') FROM event
            WHERE request_id = ? AND kind = 'overflow' AND json_extract(detail, '$.to') IS NOT NULL
            """, arguments: [id.rawValue, id.rawValue]).map(WardCode.init)
    }

    /// The team the ward last reported the request assigned to.
    public func currentTeam(_ id: RequestID) throws -> TeamID? {
        try db.read { db in
            try String.fetchOne(db, sql: """
                SELECT json_extract(detail, '$.team') FROM event
                WHERE request_id = ? AND json_extract(detail, '$.team') IS NOT NULL ORDER BY seq DESC LIMIT 1
                """, arguments: [id.rawValue]).map(TeamID.init)
        }
    }

    /// Whether the request's personal data was erased.
    public func isErased(_ id: RequestID) throws -> Bool {
        try db.read { db in
            try Bool.fetchOne(db, sql: "SELECT erased_at IS NOT NULL FROM request WHERE id = ?", arguments: [id.rawValue]) ?? false
        }
    }

    /// Notices each ward has still to be told of (a kind this release does not know is left for a newer one).
    public func pendingWardNotices() throws -> [WardCode: [DispatchDesk.Notice]] {
        try db.read { db in
            var result: [WardCode: [DispatchDesk.Notice]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT request_id, ward, kind FROM ward_notice ORDER BY request_id") {
                guard let kind = DispatchDesk.NoticeKind(rawValue: row["kind"] ?? "") else { continue }
                result[WardCode(row["ward"] ?? ""), default: []].append(.init(id: RequestID(row["request_id"] ?? ""), kind: kind))
            }
            return result
        }
    }

    /// Moves the WAL's pages into the file and empties it, so pages holding erased data (overwritten there by
    /// `secure_delete`) leave no copy in the WAL either.
    func scrub() throws {
        try db.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
