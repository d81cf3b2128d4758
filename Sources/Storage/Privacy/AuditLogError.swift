/// Why the audit log could not be used.
public enum AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    case unwritable(path: String, reason: String)
    case unreadable(path: String, line: Int)

    public var description: String {
        switch self {
        case let .unwritable(path, reason):
            "the audit log \(path) cannot be written (\(reason)); nothing was revealed or erased. Free space or fix "
                + "its permissions, then try again"
        case let .unreadable(path, line):
            line == 0 ? "the audit log \(path) cannot be read"
                : "line \(line) of the audit log \(path) is not an audit entry: the file was changed by hand or damaged"
        }
    }
}
