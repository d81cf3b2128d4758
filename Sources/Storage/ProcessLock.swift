import Foundation

/// An exclusive lock on a file for as long as a process holds this value (flock: released by the kernel when
/// the process dies, even by SIGKILL), with the holder's purpose and pid written in it, so the next one is
/// told who has it. Data folders and a ward's control endpoint use it: running something twice is refused,
/// not silently broken.
public final class ProcessLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Why a lock could not be taken.
    public enum Failure: Error, CustomStringConvertible, Sendable, Equatable {
        case cannotCreate(path: String, reason: String)
        case held(path: String, holder: String)

        public var description: String {
            switch self {
            case let .cannotCreate(path, reason): "cannot create the lock file \(path): \(reason)"
            case let .held(path, holder): "\(path) is held by another process (\(holder))"
            }
        }
    }

    /// Takes the lock at `path` (created 0600 if missing) for `purpose`, e.g. "xk worker --ward 00286".
    public init(path: String, purpose: String) throws(Failure) {
        self.path = path
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw .held(path: path, holder: holder.isEmpty ? "unknown" : holder)
        }
        let note = Array("\(purpose), pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, note, note.count, 0)
        descriptor = fd
    }

    deinit { close(descriptor) }
}
