import CZeroMQ
import Synchronization

/// How async code hands commands to a socket thread: a locked queue plus an eventfd that the
/// thread's `Poller` watches, so the thread wakes at once without polling on a timer.
public final class Mailbox<Command: Sendable>: Sendable {
    private let queue = Mutex<[Command]>([])
    /// Add this to the owning thread's `Poller` with `add(fileDescriptor:)`.
    public let fileDescriptor: Int32

    public init() throws {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw ZMQError(code: xk_errno(), operation: "eventfd") }
        fileDescriptor = fd
    }

    deinit { CZeroMQ.close(fileDescriptor) }

    /// Queues a command and wakes the owning thread. Callable from any thread.
    public func post(_ command: Command) {
        let wasEmpty = queue.withLock { pending in
            pending.append(command)
            return pending.count == 1
        }
        if wasEmpty { wake() }
    }

    /// Whether no command waits: a lock, not a system call, for a thread that checks between busy turns without
    /// polling the descriptor.
    public var isEmpty: Bool { queue.withLock { $0.isEmpty } }

    /// Takes every queued command, oldest first. Call on the owning thread when the fd is readable
    /// (or at any time: it never blocks).
    public func drain() -> [Command] {
        var counter: UInt64 = 0
        _ = read(fileDescriptor, &counter, MemoryLayout<UInt64>.size)
        return queue.withLock { pending in
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(fileDescriptor, &one, MemoryLayout<UInt64>.size)
    }
}
