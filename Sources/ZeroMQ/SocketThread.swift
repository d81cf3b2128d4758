import Foundation

/// Runs a blocking socket loop on a dedicated OS thread, never on Swift's cooperative pool:
/// a task blocked in `zmq_poll` would starve every other task on a 2-core machine.
public enum SocketThread {
    /// Runs `body` on a new thread named `name` and returns its result when it finishes.
    public static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            start(name: name) { continuation.resume(returning: body()) }
        }
    }

    /// Starts `body` on a new thread named `name` without waiting for it.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { body() }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }
}
