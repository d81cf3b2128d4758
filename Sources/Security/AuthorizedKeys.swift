import Foundation
import Yams

/// `authorized.yaml` of a key folder: every public key of a district with its identity, role and (for wards)
/// ward code. Holds no secret.
public struct AuthorizedKeys: Codable, Sendable, Equatable {
    public var keys: [AuthorizedKey]

    public init(keys: [AuthorizedKey] = []) { self.keys = keys }

    /// The identity holding `publicKey`, revoked or not.
    public func key(publicKey: String) -> AuthorizedKey? { keys.first { $0.publicKey == publicKey } }

    /// The identity named `name`.
    public func key(named name: String) -> AuthorizedKey? { keys.first { $0.name == name } }

    public static func load(path: String) throws(KeyError) -> AuthorizedKeys {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try YAMLDecoder().decode(AuthorizedKeys.self, from: text)
        } catch {
            throw .authorizedUnreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes the file whole (to a temporary file renamed over it, so a reader never sees half of it).
    public func save(path: String) throws(KeyError) {
        do {
            let header = "# Public keys of this district's identities (xk keys). No secret is kept here.\n"
            let text = header + (try YAMLEncoder().encode(self))
            let temporary = path + ".tmp"
            try text.write(toFile: temporary, atomically: false, encoding: .utf8)
            _ = rename(temporary, path)
        } catch {
            throw .folderUnreadable(path: path, reason: "\(error)")
        }
    }
}
