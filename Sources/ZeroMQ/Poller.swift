import CZeroMQ

/// A `zmq_poll` set over sockets and plain file descriptors (such as a `Mailbox`'s eventfd).
/// Build it once per loop and reuse it: the item array is kept between polls.
public struct Poller {
    private var items: [zmq_pollitem_t] = []

    public init() {}

    /// Adds a socket to watch for input; returns its index for `isReadable(_:)`.
    @discardableResult
    public mutating func add(_ socket: ZMQSocket) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Adds a file descriptor to watch for input; returns its index.
    @discardableResult
    public mutating func add(fileDescriptor fd: Int32) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fd, events: Int16(ZMQ_POLLIN), revents: 0))
        return items.count - 1
    }

    /// Waits until something is readable or `timeoutMilliseconds` pass (-1: forever).
    /// - Returns: how many items are ready (0 on timeout or when a signal interrupted the wait).
    @discardableResult
    public mutating func poll(timeoutMilliseconds: Int) throws -> Int {
        let rc = items.withUnsafeMutableBufferPointer { buffer in
            zmq_poll(buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        if rc < 0 {
            let error = ZMQError.last("zmq_poll")
            if error.code == EINTR { return 0 }
            throw error
        }
        return Int(rc)
    }

    public func isReadable(_ index: Int) -> Bool {
        items[index].revents & Int16(ZMQ_POLLIN) != 0
    }
}
