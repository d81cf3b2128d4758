import GRDB

/// Why a SQLite file cannot be used, with what a ward's IT officer should do. None of the messages suggests
/// deleting the file (see ``StoreFile``).
public enum StoreFileError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file exists with no bytes: a failed copy or an unfinished restore.
    case empty(StoreFile)
    /// The file is not a SQLite database of ours, or its pages are corrupt.
    case damaged(StoreFile, reason: String)
    /// The disk is full: nothing was written.
    case diskFull(StoreFile)
    /// A write failed for another reason: nothing was written.
    case writeFailed(StoreFile, reason: String)
    /// Opening or reading failed (permissions, I/O).
    case unreadable(StoreFile, reason: String)

    /// The error of opening or reading `file`.
    public init(opening file: StoreFile, _ error: any Error) {
        guard let error = error as? DatabaseError else {
            self = .unreadable(file, reason: "\(error)")
            return
        }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .damaged(file, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_FULL: self = .diskFull(file)
        case .SQLITE_IOERR where DiskSpace.isFull(at: file.path): self = .diskFull(file)
        default: self = .unreadable(file, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// The error of writing `file`: a full disk is told apart, since it passes once space is freed.
    public init(writing file: StoreFile, _ error: any Error) {
        if let error = error as? StoreFileError {
            self = error
        } else if let error = error as? DatabaseError,
                  error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR && DiskSpace.isFull(at: file.path) {
            self = .diskFull(file)
        } else {
            self = .writeFailed(file, reason: (error as? DatabaseError)?.message ?? "\(error)")
        }
    }

    public var isDiskFull: Bool {
        if case .diskFull = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .empty(let file):
            "\(file) is empty (0 bytes): restore it from your latest backup and start again. Do not delete it: "
                + "\(file.whyNotDelete)."
        case .damaged(let file, let reason):
            "\(file) is damaged (\(reason)): stop here and restore it from your latest backup. Do not delete it: "
                + "\(file.whyNotDelete)."
        case .diskFull(let file):
            "the disk holding \(file) is full, so nothing was saved: free space on it and try again"
        case .writeFailed(let file, let reason):
            "\(file) could not be written (\(reason)), so nothing was saved: try again; if it keeps failing, call "
                + "the IT officer"
        case .unreadable(let file, let reason):
            "\(file) cannot be opened: \(reason). Check that the folder is readable and writable by the service's "
                + "user, or restore the file from a backup."
        }
    }
}
