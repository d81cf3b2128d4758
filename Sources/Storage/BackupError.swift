/// Why a backup or a restore did not happen; nothing was overwritten.
public enum BackupError: Error, CustomStringConvertible, Equatable, Sendable {
    case noStore(String)
    case noBackup(String)
    case wouldOverwrite(String)
    case cannotWrite(String, reason: String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .noStore(let path):
            "\(path) holds no store to back up: give the service's --data folder (with journal.sqlite or cases.sqlite) "
                + "or the coordinator's SQLite file"
        case .noBackup(let path):
            "there is no backup at \(path)"
        case .wouldOverwrite(let path):
            "\(path) exists already and is left as it is; choose another name (e.g. with the date) or move it away"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        }
    }
}
