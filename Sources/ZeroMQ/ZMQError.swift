import CZeroMQ

/// A failed libzmq call, with the errno it reported and what we were doing.
public struct ZMQError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The errno value libzmq left behind.
    public let code: Int32
    /// What was being attempted, e.g. `bind tcp://127.0.0.1:5555`.
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// Captures the calling thread's errno right after a failed libzmq call.
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation())
    }

    public var description: String {
        let text = String(cString: zmq_strerror(code))
        return "\(operation): \(text) (errno \(code))"
    }

    /// The peer is not connected (ROUTER_MANDATORY) — the message was not sent.
    public var isHostUnreachable: Bool { code == EHOSTUNREACH }
    /// Non-blocking operation could not complete now (no message, or high-water mark reached).
    public var isWouldBlock: Bool { code == EAGAIN }
    /// The socket's context was terminated: its owner is shutting down, not a failure.
    public var isContextTerminated: Bool { code == ETERM }
}
