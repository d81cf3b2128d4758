import Foundation
import HummingbirdBcrypt
import Yams

/// Who may log in to the dashboard: a YAML file of names, roles and bcrypt hashes (never a password),
/// written by `xk web user add` and read at each login, so a user added while the server runs can log in.
///
/// ```yaml
/// users:
///   - {name: lan, role: officer, hash: "$2b$12$…"}
/// ```
public struct WebUsers: Sendable, Equatable {
    /// What a user may do: a viewer reads, an officer also requeues and cancels requests.
    public enum Role: String, Codable, Sendable, CaseIterable {
        case viewer, officer
    }

    public struct User: Codable, Sendable, Equatable {
        public var name: String
        public var role: Role
        public var hash: String
    }

    public var users: [User]

    public init(users: [User] = []) { self.users = users }

    /// bcrypt cost for new passwords: about a quarter of a second here, slow enough to make guessing costly.
    public static let cost: UInt8 = 12
    public static let minimumPasswordLength = 8

    /// The users of `path`; none when the file does not exist yet.
    public static func load(path: String) throws(WebError) -> WebUsers {
        guard FileManager.default.fileExists(atPath: path) else { return WebUsers() }
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            struct File: Codable { var users: [User]? }
            return WebUsers(users: try YAMLDecoder().decode(File.self, from: text).users ?? [])
        } catch {
            throw .usersFile(path: path, reason: "\(error)")
        }
    }

    /// Writes the file (owner-only: the hashes are still worth guarding), replacing it atomically.
    public func save(path: String) throws(WebError) {
        do {
            let body = users.map { user in
                "  - {name: \(Self.quoted(user.name)), role: \(user.role.rawValue), hash: \(Self.quoted(user.hash))}"
            }.joined(separator: "\n")
            let text = "# xk web users: bcrypt hashes only. Add with `xk web user add NAME --role viewer|officer`.\nusers:\n"
                + body + "\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw .usersFile(path: path, reason: "\(error)")
        }
    }

    /// Adds `name` with `password`'s hash, or replaces its role and password.
    public mutating func set(name: String, role: Role, password: String) throws(WebError) {
        guard name.range(of: #"^[A-Za-z0-9._-]{1,64}$"#, options: .regularExpression) != nil else {
            throw .invalidName(name)
        }
        guard password.count >= Self.minimumPasswordLength else { throw .shortPassword(minimum: Self.minimumPasswordLength) }
        let user = User(name: name, role: role, hash: Bcrypt.hash(password, cost: Self.cost))
        if let index = users.firstIndex(where: { $0.name == name }) { users[index] = user } else { users.append(user) }
    }

    /// The user `name` if `password` is theirs. A name that does not exist costs a hash check too, so timing
    /// does not tell which names exist.
    public func verify(name: String, password: String) -> User? {
        let user = users.first { $0.name == name }
        let ok = Bcrypt.verify(password, hash: user?.hash ?? Self.unknownUserHash)
        return ok ? user : nil
    }

    static let unknownUserHash = Bcrypt.hash("no such user \(UInt64.random(in: 0...UInt64.max))", cost: 10)

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
