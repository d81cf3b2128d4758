/// Why `xk demo` could not start or did not end cleanly; each message says what to look at.
public enum DemoError: Error, CustomStringConvertible {
    case configMissing(path: String)
    case configInvalid(path: String, reason: String)
    case duplicateDistrict(code: String)
    case binaryNotFound(tried: String)
    case folder(path: String, reason: String)
    /// The throwaway key set could not be made or read.
    case keys(path: String, reason: String)
    case spawnFailed(child: String, executable: String, reason: String)
    case childExited(child: String, exit: String, log: String, tail: String)
    case notReady(child: String, seconds: Double, waitingFor: String, log: String, tail: String)
    case coordinatorSilent(endpoint: String, seconds: Double, log: String)
    case interrupted
    /// The dashboard's users file could not be made.
    case web(reason: String)
    case unclean(problems: [String], folder: String)

    public var description: String {
        switch self {
        case .configMissing(let path):
            "no district configuration at \(path); run from the repository's root or pass --config FILE"
        case .configInvalid(let path, let reason):
            "\(path) is not a valid district configuration:\n\(reason)"
        case .duplicateDistrict(let code):
            "district \(code) is given twice; pass each district's --config once"
        case .binaryNotFound(let tried):
            "cannot find the xk executable to start the children (tried \(tried))"
        case .folder(let path, let reason):
            "cannot create the demo's folder \(path): \(reason)"
        case .keys(let path, let reason):
            "cannot make the demo's throwaway keys in \(path): \(reason); check that the temporary folder is writable, "
                + "or pass --no-keys to run without them"
        case .spawnFailed(let child, let executable, let reason):
            "cannot start \(child) (\(executable)): \(reason)"
        case .childExited(let child, let exit, let log, let tail):
            "\(child) stopped during start-up (\(exit)); its log is \(log), which ends with:\n\(tail)"
        case .notReady(let child, let seconds, let waitingFor, let log, let tail):
            "\(child) was not ready within \(Int(seconds)) s (no \"\(waitingFor)\" in its log \(log)); the log ends with:\n\(tail)"
        case .coordinatorSilent(let endpoint, let seconds, let log):
            "the coordinator did not answer on \(endpoint) within \(Int(seconds)) s; see its log \(log)"
        case .web(let reason):
            "could not make the dashboard's throwaway login: \(reason); run with --no-web to go without it"
        case .interrupted:
            "interrupted during start-up"
        case .unclean(let problems, let folder):
            "the demo did not end cleanly (logs kept in \(folder)):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
