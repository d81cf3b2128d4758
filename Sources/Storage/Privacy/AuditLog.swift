import Foundation
import Synchronization

/// A data folder's audit log, `audit.log`: one JSON object per line (``AuditEntry``), owner-only, appended and
/// synced before the action it records is answered, so an answered reveal is always on record.
public final class AuditLog: Sendable {
    public static let name = "audit.log"
    public let path: String
    private let lock = Mutex(())

    /// The log of `directory`.
    public init(directory: String) {
        path = (directory as NSString).appendingPathComponent(Self.name)
    }

    /// Appends `entry`.
    /// - Throws: ``AuditLogError`` when it cannot be written; the caller must then not do what it records.
    public func append(_ entry: AuditEntry) throws(AuditLogError) {
        let line: Data
        do {
            line = try JSONEncoder().encode(entry) + Data("\n".utf8)
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
        try lock.withLock { _ throws(AuditLogError) in
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == line.count, fsync(fd) == 0 else {
                throw .unwritable(path: path, reason: "the disk may be full")
            }
        }
    }

    /// Every entry, oldest first; a line that cannot be read is reported, not skipped silently.
    public func entries() throws(AuditLogError) -> [AuditEntry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, line: 0)
        }
        var result: [AuditEntry] = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let entry = try? decoder.decode(AuditEntry.self, from: Data(line)) else {
                throw .unreadable(path: path, line: index + 1)
            }
            result.append(entry)
        }
        return result
    }
}
