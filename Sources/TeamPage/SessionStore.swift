import Crypto
import Foundation
import XungKich

/// Logged-in team members, by session token (in memory: a restart of the worker asks everyone to log in again),
/// and failed logins per name, so a guessed password is locked out after a few tries.
actor SessionStore {
    struct Session: Sendable {
        var member: String
        var team: TeamID
        /// Sent back with every form: a request from another site cannot act for the member.
        var csrf: String
        var lastSeen: Double
    }

    static let idleSeconds = 12 * 3600.0
    static let maxFailures = 5
    static let lockSeconds = 300.0

    private var sessions: [String: Session] = [:]
    private var failures: [String: (count: Int, lockedUntil: Double)] = [:]

    /// A new session for `member` of `team`; returns its token.
    func open(member: String, team: TeamID, now: Double) -> String {
        let token = Self.randomToken()
        sessions[token] = Session(member: member, team: team, csrf: Self.randomToken(), lastSeen: now)
        failures[member] = nil
        return token
    }

    /// The session of `token`, if it is live (and touches it).
    func session(_ token: String?, now: Double) -> Session? {
        guard let token, var session = sessions[token] else { return nil }
        guard now - session.lastSeen < Self.idleSeconds else {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    func close(_ token: String?) {
        if let token { sessions[token] = nil }
    }

    /// Whether `name` may try to log in now.
    func isLocked(_ name: String, now: Double) -> Bool {
        (failures[name]?.lockedUntil ?? 0) > now
    }

    /// Counts a failed login; the fifth in a row locks the name for five minutes.
    func failed(_ name: String, now: Double) {
        var entry = failures[name] ?? (0, 0)
        entry.count += 1
        if entry.count >= Self.maxFailures {
            entry = (0, now + Self.lockSeconds)
        }
        failures[name] = entry
    }

    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }
}
