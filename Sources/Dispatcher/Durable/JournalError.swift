import GRDB
import Storage

/// Why the journal cannot be used. Each message says what a ward's IT officer should do; none suggests
/// deleting the journal, because a new one would hand out the old ids again beside the old install's
/// pseudonym key.
public enum JournalError: Error, CustomStringConvertible, Sendable {
    /// The file exists with no bytes: a failed copy or a restore that did not finish.
    case empty(path: String)
    /// The file is not a SQLite database or its pages are corrupt.
    case damaged(path: String, reason: String)
    /// The disk is full: nothing can be written until space is freed.
    case diskFull(path: String)
    /// Opening or reading failed for another reason (permissions, I/O).
    case unreadable(path: String, reason: String)
    /// The journal holds a value this release does not know (written by a newer release, or edited).
    case unknownValue(id: String, column: String, value: String)
    /// The pseudonym key of an earlier install is there but its journal is not.
    case missing(path: String, keyPath: String)

    init(_ error: StoreFileError) {
        switch error {
        case .empty(let file): self = .empty(path: file.path)
        case .damaged(let file, let reason): self = .damaged(path: file.path, reason: reason)
        case .diskFull(let file): self = .diskFull(path: file.path)
        case .writeFailed(let file, let reason), .unreadable(let file, let reason): self = .unreadable(path: file.path, reason: reason)
        }
    }

    /// Whether a failed write means the disk is full (the dispatcher then refuses new work and retries).
    public static func isDiskFull(_ error: any Error, path: String) -> Bool {
        StoreFileError(writing: StoreFile(path: path, role: .journal), error).isDiskFull
    }

    public var description: String {
        switch self {
        case .empty(let path): StoreFileError.empty(Self.file(path)).description
        case .damaged(let path, let reason): StoreFileError.damaged(Self.file(path), reason: reason).description
        case .diskFull(let path): StoreFileError.diskFull(Self.file(path)).description
        case .unreadable(let path, let reason): StoreFileError.unreadable(Self.file(path), reason: reason).description
        case .unknownValue(let id, let column, let value):
            "the journal holds \(column) \"\(value)\" for \(id), which this release does not know: it was written "
                + "by a newer release or edited by hand. Run the release that wrote it, or restore a backup."
        case .missing(let path, let keyPath):
            "\(keyPath) is from an earlier install but its journal \(path) is missing: restore the journal from "
                + "your latest backup. To start a new install on purpose, move the whole data folder aside first."
        }
    }

    private static func file(_ path: String) -> StoreFile { StoreFile(path: path, role: .journal) }
}
