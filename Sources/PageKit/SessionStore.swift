import Crypto
import Foundation

/// Logged-in people of a page, by session token (in memory: a restart asks everyone to log in again), and
/// failed logins per name, so a guessed password is locked out after a few tries. `Info` is what the page
/// keeps about the person (a team member's team, a web user's role).
public actor SessionStore<Info: Sendable> {
    public struct Session: Sendable {
        public var user: String
        public var info: Info
        /// Sent back with every form: a request from another site cannot act for the person.
        public var csrf: String
        public var lastSeen: Double
    }

    public static var idleSeconds: Double { 12 * 3600 }
    public static var maxFailures: Int { 5 }
    public static var lockSeconds: Double { 300 }

    private var sessions: [String: Session] = [:]
    private var failures: [String: (count: Int, lockedUntil: Double)] = [:]

    public init() {}

    /// A new session for `user`; returns its token.
    public func open(user: String, info: Info, now: Double) -> String {
        let token = randomToken()
        sessions[token] = Session(user: user, info: info, csrf: randomToken(), lastSeen: now)
        failures[user] = nil
        return token
    }

    /// The session of `token`, if it is live (and touches it).
    public func session(_ token: String?, now: Double) -> Session? {
        guard let token, var session = sessions[token] else { return nil }
        guard now - session.lastSeen < Self.idleSeconds else {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    public func close(_ token: String?) {
        if let token { sessions[token] = nil }
    }

    /// Whether `name` may try to log in now.
    public func isLocked(_ name: String, now: Double) -> Bool {
        (failures[name]?.lockedUntil ?? 0) > now
    }

    /// Counts a failed login; the fifth in a row locks the name for five minutes.
    public func failed(_ name: String, now: Double) {
        var entry = failures[name] ?? (0, 0)
        entry.count += 1
        if entry.count >= Self.maxFailures {
            entry = (0, now + Self.lockSeconds)
        }
        failures[name] = entry
    }
}

/// 256 random bits as hex: session tokens and CSRF tokens.
public func randomToken() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
}
