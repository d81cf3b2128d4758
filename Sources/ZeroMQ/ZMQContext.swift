import CZeroMQ
import Synchronization

/// A libzmq context. Contexts are thread-safe, so this wrapper may be shared across threads;
/// sockets made from it may not.
public final class ZMQContext: @unchecked Sendable {
    // safe: libzmq documents zmq_ctx_* as thread-safe; the pointer never changes after init.
    let handle: UnsafeMutableRawPointer
    private let terminated = Atomic<Bool>(false)

    /// Creates a context with `ioThreads` background I/O threads (libzmq's default is 1).
    public init(ioThreads: Int32 = 1) throws {
        guard let ctx = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        handle = ctx
        if ioThreads != 1 {
            guard zmq_ctx_set(ctx, ZMQ_IO_THREADS, ioThreads) == 0 else {
                zmq_ctx_term(ctx)
                throw ZMQError.last("zmq_ctx_set IO_THREADS")
            }
        }
    }

    /// Terminates the context. Every socket must have been closed first (with a finite linger),
    /// otherwise this blocks; calling it twice is harmless.
    public func terminate() {
        guard terminated.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit { terminate() }

    /// Whether the linked libzmq was built with a capability, e.g. `"curve"` or `"draft"`.
    public static func has(_ capability: String) -> Bool { zmq_has(capability) == 1 }

    /// The linked libzmq's version as (major, minor, patch).
    public static var version: (Int32, Int32, Int32) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (major, minor, patch)
    }
}
