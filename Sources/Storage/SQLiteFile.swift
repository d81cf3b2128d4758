import Foundation
import GRDB

/// The one way XungKích opens its SQLite files: WAL, the `synchronous` level asked for, an empty file refused
/// (it is a failed copy, never a new install), errors told apart (``StoreFileError``), and a full disk at
/// start survived: WAL's shared-memory file cannot be created then, so the file is opened with an exclusive
/// lock (the WAL index in memory) and the service can still read, answer and refuse new work until space
/// returns.
public enum SQLiteFile {
    /// How an opened file is held.
    public struct Opened: Sendable {
        public let queue: DatabaseQueue
        /// True when the disk was full at start and the file is held exclusively (other processes cannot
        /// read it until the service restarts).
        public let exclusive: Bool
    }

    /// SQLite's `synchronous` levels XungKích uses.
    public enum Synchronous: String, Sendable, CaseIterable {
        /// fsync at every commit: an answered write survives a power cut.
        case full = "FULL"
        /// fsync at checkpoints: faster, may lose the last commits on a power cut (not on a crash).
        case normal = "NORMAL"
    }

    /// Opens (creating if needed) `file`, then runs `migrator`.
    public static func open(_ file: StoreFile, synchronous: Synchronous, migrator: DatabaseMigrator) throws(StoreFileError) -> Opened {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue
        if size == 0 { throw .empty(file) }
        ownerOnly(file.path, creating: size == nil)
        do {
            var exclusive = false
            let queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: file.path, configuration: configuration(synchronous, exclusive: false))
            } catch where DiskSpace.isFull(at: file.path) {
                queue = try DatabaseQueue(path: file.path, configuration: configuration(synchronous, exclusive: true))
                exclusive = true
            }
            try migrator.migrate(queue)
            return Opened(queue: queue, exclusive: exclusive)
        } catch {
            // A file made here and left empty would read as "restore from backup" at the next start.
            if size == nil, (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue == 0 {
                unlink(file.path)
            }
            throw StoreFileError(opening: file, error)
        }
    }

    private static func configuration(_ synchronous: Synchronous, exclusive: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.journalMode = exclusive ? .default : .wal
        configuration.prepareDatabase { db in
            if exclusive {
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
            // Erased personal data is overwritten, not left in free pages for a copy of the file to show.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return configuration
    }

    /// A new database file is made 0600 before SQLite opens it (its WAL and shared-memory files then take the
    /// same mode); an existing one, and its companions, are tightened to 0600 (older installs made them 0644).
    private static func ownerOnly(_ path: String, creating: Bool) {
        if creating {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
            return
        }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            chmod(file, 0o600)
        }
    }
}
