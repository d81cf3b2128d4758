import CZeroMQ
import Foundation

/// Waits for one socket's messages and one plain file descriptor (such as a `Mailbox`'s eventfd) with at most one
/// `poll(2)`, for a loop where that wait is the hottest call.
///
/// `zmq_poll` over the same two costs two `poll(2)` calls and three `ZMQ_EVENTS` look-ups each time it sleeps (a
/// first pass that does not wait, then the wait), and a `poll(2)` even when a message is already waiting. Here
/// libzmq's own answer comes first: if a message is waiting nothing is polled at all, and otherwise the socket's
/// descriptor is slept on. That descriptor only says "look
/// again" (it is edge-triggered and may fire without a message), so readiness is always confirmed through
/// `ZMQ_EVENTS`, as `zmq_poll` does.
public struct SocketWaiter {
    private let socket: ZMQSocket
    private var fds: [pollfd]

    /// What a wait found.
    public struct Ready: Equatable, Sendable {
        /// A message can be received from the socket now.
        public var socket: Bool
        /// The file descriptor is readable.
        public var other: Bool
    }

    public init(socket: ZMQSocket, otherFileDescriptor fd: Int32) throws {
        self.socket = socket
        fds = [
            pollfd(fd: try socket.fileDescriptor(), events: Int16(POLLIN), revents: 0),
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        ]
    }

    /// Waits until the socket has a message or the descriptor is readable, or `timeoutMilliseconds` pass (0: only
    /// look). With a message already waiting it returns at once without a system call and without looking at the
    /// descriptor (`other` is false then): check what the descriptor stands for another way between such turns
    /// (`Mailbox.isEmpty`). A signal interrupting the wait returns what was found (possibly nothing).
    public mutating func wait(timeoutMilliseconds: Int) throws -> Ready {
        if try socket.hasInput() { return Ready(socket: true, other: false) }
        let rc = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), Int32(clamping: timeoutMilliseconds)) }
        if rc < 0 {
            let code = errno
            guard code == EINTR else { throw ZMQError(code: code, operation: "poll") }
            return Ready(socket: false, other: false)
        }
        guard rc > 0 else { return Ready(socket: false, other: false) }
        let other = fds[1].revents & Int16(POLLIN) != 0
        return Ready(socket: fds[0].revents != 0 ? try socket.hasInput() : false, other: other)
    }
}
