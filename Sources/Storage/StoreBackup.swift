import Foundation
import GRDB

/// Consistent online copies of a running service's SQLite store, with SQLite's backup API (never a file copy: a
/// copy of a live WAL database can miss the commits still in its `-wal` file, or catch a page half-written).
///
/// The copy is read in one read transaction, so it is the store as it was at one commit, while the service goes
/// on writing (WAL readers do not block the writer). The keys that open the citizens' sealed data live beside the
/// store, not in it; a backup without them is unreadable, so they are copied beside the backup, owner-only:
/// `FILE.personal-data.keys` (and for a journal `FILE.citizen-pseudonym.key`). Keep them with the backup, and keep
/// both where only the district's IT officer can read them.
public enum StoreBackup {
    /// The store file each service keeps in its data folder.
    public static let storeNames: [(name: String, role: StoreFile.Role)] = [
        ("journal.sqlite", .journal), ("cases.sqlite", .caseStore), ("statistics.sqlite", .statistics),
    ]
    /// The key files beside a store, copied with its backup.
    public static let keyNames = [PersonalDataKeyFile.name, "citizen-pseudonym.key"]

    /// What a backup wrote.
    public struct Result: Sendable {
        public var source: StoreFile
        public var backup: String
        /// Key files written beside the backup.
        public var keys: [String]
        public var bytes: Int
    }

    /// The store `data` names: a data folder holding `journal.sqlite`, `cases.sqlite` or `statistics.sqlite`, or a
    /// SQLite file itself (a coordinator's `--store sqlite:PATH`).
    public static func locate(_ data: String) throws(BackupError) -> StoreFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory) else { throw .noStore(data) }
        if !isDirectory.boolValue { return StoreFile(path: data, role: .statistics) }
        for (name, role) in storeNames {
            let path = (data as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return StoreFile(path: path, role: role) }
        }
        throw .noStore(data)
    }

    /// Copies the store of `data` to `destination` (which must not exist), then its key files beside it.
    public static func backup(data: String, to destination: String) throws(BackupError) -> Result {
        let source = try locate(data)
        try copyDatabase(from: source.path, to: destination)
        let directory = (source.path as NSString).deletingLastPathComponent
        var keys: [String] = []
        for name in keyNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let copy = destination + "." + name
            try copyOwnerOnly(from: path, to: copy)
            keys.append(copy)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.intValue ?? 0
        return Result(source: source, backup: destination, keys: keys, bytes: bytes)
    }

    /// Puts a backup back as the store of a new data folder `directory` (created owner-only; it must hold no store
    /// yet), with the key files that were copied beside it. Returns the restored store.
    public static func restore(from backup: String, into directory: String) throws(BackupError) -> StoreFile {
        guard FileManager.default.fileExists(atPath: backup) else { throw .noBackup(backup) }
        let role = try roleOfBackup(backup)
        for (name, _) in storeNames {
            let existing = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: existing) { throw .wouldOverwrite(existing) }
        }
        let folder: DataFolder
        do {
            folder = try DataFolder(path: directory, purpose: "xk backup restore")
        } catch {
            throw .cannotWrite(directory, reason: "\(error)")
        }
        let name = storeNames.first { $0.role == role }?.name ?? "statistics.sqlite"
        let target = (directory as NSString).appendingPathComponent(name)
        for key in keyNames {
            let copy = backup + "." + key
            guard FileManager.default.fileExists(atPath: copy) else { continue }
            try copyOwnerOnly(from: copy, to: (directory as NSString).appendingPathComponent(key))
        }
        try copyDatabase(from: backup, to: target)
        withExtendedLifetime(folder) {}
        return StoreFile(path: target, role: role)
    }

    /// Which service's store a backup is, from its tables.
    static func roleOfBackup(_ path: String) throws(BackupError) -> StoreFile.Role {
        let tables: Set<String>
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            tables = try queue.read { db in
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            }
        } catch {
            throw .unreadable(path, reason: "\(error)")
        }
        if tables.contains("request"), tables.contains("event") { return .journal }
        if tables.contains("ward_case") { return .caseStore }
        if tables.contains("request_fact") { return .statistics }
        throw .unreadable(path, reason: "it holds none of XungKích's stores (no journal, case or statistics tables)")
    }

    /// SQLite's online backup of `source` into a new owner-only file `destination`, checked, synced, then renamed
    /// into place: an interrupted backup leaves `destination.partial`, never a half file under the real name.
    static func copyDatabase(from source: String, to destination: String) throws(BackupError) {
        if FileManager.default.fileExists(atPath: destination) { throw .wouldOverwrite(destination) }
        let partial = destination + ".partial"
        unlink(partial)
        let fd = Glibc.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(partial, reason: String(cString: strerror(errno))) }
        close(fd)
        do {
            var configuration = Configuration()
            // A writer mid-commit holds its lock for milliseconds; wait for it rather than fail.
            configuration.busyMode = .timeout(10)
            let from = try DatabaseQueue(path: source, configuration: configuration)
            let to = try DatabaseQueue(path: partial)
            try from.backup(to: to)
            let check = try to.read { try String.fetchOne($0, sql: "PRAGMA quick_check") }
            guard check == "ok" else { throw BackupError.unreadable(source, reason: "the copy failed its check: \(check ?? "?")") }
            try to.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try from.close()
            try to.close()
        } catch let error as BackupError {
            unlink(partial)
            throw error
        } catch {
            unlink(partial)
            if DiskSpace.isFull(at: partial) { throw .cannotWrite(destination, reason: "the disk is full") }
            throw .unreadable(source, reason: "\(error)")
        }
        try sync(partial)
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw .cannotWrite(destination, reason: reason)
        }
    }

    /// Copies a key file, owner-only (0600), synced.
    static func copyOwnerOnly(from source: String, to destination: String) throws(BackupError) {
        guard let data = FileManager.default.contents(atPath: source) else { throw .unreadable(source, reason: "cannot read it") }
        if FileManager.default.fileExists(atPath: destination) { throw .wouldOverwrite(destination) }
        let fd = Glibc.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(destination, reason: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == data.count, synced == 0 else {
            unlink(destination)
            throw .cannotWrite(destination, reason: "the disk may be full")
        }
    }

    private static func sync(_ path: String) throws(BackupError) {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0, fsync(fd) == 0 else {
            if fd >= 0 { close(fd) }
            throw .cannotWrite(path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }
}
