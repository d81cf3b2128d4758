import Foundation
import Yams

/// One identity's key as a file: `NAME.key` holds the pair (owner-only), `NAME.pub` the public half, which is
/// what other machines need (a ward machine needs its own `.key` and `dispatcher.pub`).
public struct KeyFile: Codable, Sendable, Equatable {
    public var name: String
    public var role: Role
    public var ward: String?
    public var publicKey: String
    /// Only in `.key` files.
    public var secretKey: String?

    public init(name: String, role: Role, ward: String?, publicKey: String, secretKey: String?) {
        self.name = name
        self.role = role
        self.ward = ward
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    public static func load(path: String) throws(KeyError) -> KeyFile {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try YAMLDecoder().decode(KeyFile.self, from: text)
        } catch {
            throw .keyUnreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes a new file with `mode`; refuses to replace one (keys are never overwritten).
    func create(path: String, mode: mode_t) throws(KeyError) {
        let text: String
        do {
            text = (secretKey == nil ? "# public key of \(name)\n" : "# SECRET key of \(name): keep it owner-only, never send it\n")
                + (try YAMLEncoder().encode(self))
        } catch {
            throw .folderUnreadable(path: path, reason: "\(error)")
        }
        // O_EXCL: a key that exists is never overwritten, even by two `xk keys` run at once.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw .exists(path: path) }
            throw .folderUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw .folderUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
