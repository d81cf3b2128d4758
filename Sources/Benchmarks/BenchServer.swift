import ZeroMQ

/// The reference servers `xk bench standard` measures beside the dispatcher, each run as `xk bench serve …` in a
/// process of its own: a raw ROUTER echo (one hop, the libzmq ceiling) and libzmq's `zmq_proxy` (two hops, no
/// Majordomo logic). Both run until the process is stopped.
public enum BenchServer {
    /// A ROUTER that sends every message back as it came.
    public static func echo(endpoint: String) throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context, .router)
        try socket.set(.sendHighWaterMark(100_000))
        try socket.set(.receiveHighWaterMark(100_000))
        try socket.bind(endpoint)
        var frames: [[UInt8]] = []
        var userID: String?
        while true {
            if try socket.receive(into: &frames, userID: &userID) { try socket.send(frames) }
        }
    }

    /// A ROUTER at `endpoint` and a DEALER at `backend`, joined by `zmq_proxy`; workers connect to `backend`.
    public static func proxy(endpoint: String, backend: String) throws {
        let context = try ZMQContext()
        let front = try ZMQSocket(context, .router)
        let back = try ZMQSocket(context, .dealer)
        for socket in [front, back] {
            try socket.set(.sendHighWaterMark(100_000))
            try socket.set(.receiveHighWaterMark(100_000))
        }
        try front.bind(endpoint)
        try back.bind(backend)
        throw ZMQSocket.proxy(front, back)
    }
}
