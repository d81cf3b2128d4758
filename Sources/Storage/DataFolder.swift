import Foundation

/// A service's data folder: created owner-only (0700), tightened if an older install left it open, and
/// locked for as long as the service runs, so a second dispatcher or worker on the same folder (or a key
/// rotation while one runs) is refused with the process that holds it, instead of two writers corrupting
/// each other's work.
public final class DataFolder: Sendable {
    public let path: String
    private let lock: ProcessLock

    /// What the lock file is named; it holds the pid of the process that has the folder.
    public static let lockName = ".lock"

    /// Why a folder cannot be taken.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case cannotCreate(path: String, reason: String)
        case inUse(path: String, holder: String)

        public var description: String {
            switch self {
            case let .cannotCreate(path, reason):
                "cannot create or lock the data folder \(path): \(reason)"
            case let .inUse(path, holder):
                "the data folder \(path) is in use by another process (\(holder)); stop it first, or give this one "
                    + "another --data folder"
            }
        }
    }

    /// Creates `path` if needed (0700), makes it and the files in it owner-only, and locks it for `purpose`
    /// (e.g. "dispatcher", "xk privacy rotate-key"). The lock goes when this value does, or with the process.
    public init(path: String, purpose: String) throws(Failure) {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreate(path: path, reason: "\(error)")
        }
        Self.makeOwnerOnly(path)
        do {
            lock = try ProcessLock(path: (path as NSString).appendingPathComponent(Self.lockName), purpose: purpose)
        } catch {
            switch error {
            case .held(_, let holder): throw .inUse(path: path, holder: holder)
            case .cannotCreate(_, let reason): throw .cannotCreate(path: path, reason: reason)
            }
        }
    }

    /// Sets `directory` to 0700 and every regular file directly in it to 0600. Files that SQLite makes later
    /// (WAL, shared memory) take the mode of their database.
    public static func makeOwnerOnly(_ directory: String) {
        chmod(directory, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let file = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            if lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG { chmod(file, 0o600) }
        }
    }
}
