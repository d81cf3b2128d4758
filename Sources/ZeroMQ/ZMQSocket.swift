import CZeroMQ

/// One libzmq socket. Not thread-safe: create, use and close it on a single thread
/// (in this project, the component's `SocketThread`). Close it explicitly; `deinit` does not,
/// because it may run on another thread.
public final class ZMQSocket {
    let handle: UnsafeMutableRawPointer
    public let type: SocketType
    public private(set) var isClosed = false
    var interner = FrameInterner()

    /// Creates a socket in `context` with `linger` (default 0, so a context can always terminate).
    public init(_ context: ZMQContext, _ type: SocketType, linger: Int32 = 0) throws {
        guard let socket = zmq_socket(context.handle, type.raw) else {
            throw ZMQError.last("zmq_socket")
        }
        handle = socket
        self.type = type
        try set(.linger(milliseconds: linger))
    }

    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.last("bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError.last("connect \(endpoint)") }
    }

    public func disconnect(_ endpoint: String) throws {
        guard zmq_disconnect(handle, endpoint) == 0 else { throw ZMQError.last("disconnect \(endpoint)") }
    }

    /// Closes the socket; later calls are no-ops.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        zmq_close(handle)
    }
}
