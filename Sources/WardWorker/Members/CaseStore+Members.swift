import Foundation
import GRDB
import Storage
import XungKich

/// Team members' logins, kept in the ward's store beside the cases.
extension CaseStore {
    /// Adds or replaces `member` (a new password for an existing name replaces the old one).
    public func saveMember(_ member: TeamMember, at: Double) async throws(CaseStoreError) {
        do {
            try await db.write { db in
                try db.execute(sql: """
                    INSERT INTO team_member (name, team, password_hash, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET team = excluded.team, password_hash = excluded.password_hash
                    """, arguments: [member.name, member.team.rawValue, member.passwordHash, at])
            }
        } catch {
            throw StoreFileError(writing: file, error)
        }
    }

    /// The member with login `name`, if any.
    public func member(named name: String) throws(CaseStoreError) -> TeamMember? {
        do {
            return try db.read { db in
                try Row.fetchOne(db, sql: "SELECT name, team, password_hash FROM team_member WHERE name = ?", arguments: [name])
                    .map { TeamMember(name: $0["name"] ?? "", team: TeamID($0["team"] ?? ""), passwordHash: $0["password_hash"] ?? "") }
            }
        } catch {
            throw StoreFileError(opening: file, error)
        }
    }
}
