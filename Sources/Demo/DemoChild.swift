import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One process `xk demo` started: its pid, its log file, and whether it has exited.
///
/// Started with `posix_spawn` rather than Foundation's `Process`, to control what the child inherits:
/// its own process group (so the terminal's Ctrl-C reaches only `xk demo`, which then stops the children in
/// order), default dispositions for the signals the demo's ServiceGroup ignores (an ignored SIGTERM would
/// survive `exec`), no standard input, and standard output and error appended to the log file.
/// Exit is observed with `waitpid(WNOHANG)`, which never blocks.
struct DemoChild: Sendable {
    /// How the child ended.
    enum Exit: Sendable, Equatable, CustomStringConvertible {
        case code(Int32)
        case signal(Int32)

        var description: String {
            switch self {
            case .code(let code): "exit code \(code)"
            case .signal(let signal): "killed by signal \(signal)\(signal == SIGKILL ? " (SIGKILL)" : "")"
            }
        }
    }

    /// Short name for messages, e.g. `worker 00286`.
    let name: String
    let pid: pid_t
    /// Where its standard output and error go.
    let logPath: String

    /// Starts `executable arguments…` with output appended to `logPath`, in process group `group` (0: a new
    /// group led by this child).
    static func spawn(name: String, executable: String, arguments: [String], logPath: String,
                      group: pid_t) throws(DemoError) -> DemoChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, group)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw .spawnFailed(child: name, executable: executable, reason: String(cString: strerror(status)))
        }
        return DemoChild(name: name, pid: pid, logPath: logPath)
    }

    /// Reaps the child if it has exited; `nil` while it runs. Call until it returns an exit, then stop.
    func poll() -> Exit? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else {
            // -1 with ECHILD: already reaped (or not ours); treat as gone.
            return result == -1 && errno == ECHILD ? .code(-1) : nil
        }
        let signal = status & 0x7f
        return signal == 0 ? .code((status >> 8) & 0xff) : .signal(signal)
    }

    /// Sends `signal` (SIGTERM, SIGKILL) to the child alone.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Whether the child's log contains `needle` (readiness lines such as "worker connected").
    func logContains(_ needle: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: logPath) else { return false }
        return String(decoding: data, as: UTF8.self).contains(needle)
    }

    /// The first line of the log that contains `needle` (e.g. the address a server bound).
    func logLine(containing needle: String) -> String? {
        guard let data = FileManager.default.contents(atPath: logPath) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.contains(needle) }.map(String.init)
    }

    /// The last `count` lines of the log, for error messages.
    func logTail(_ count: Int = 8) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "(no log)" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}
