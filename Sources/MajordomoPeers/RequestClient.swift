import ZeroMQ

/// Sends one request to a `RequestServer` and waits for the answer.
public enum RequestClient {
    public enum Failure: Error, CustomStringConvertible {
        case noAnswer(endpoint: String, seconds: Double)

        public var description: String {
            switch self {
            case .noAnswer(let endpoint, let seconds):
                "no answer from \(endpoint) within \(seconds) s; is the process (xk worker, xk coordinator) running there?"
            }
        }
    }

    public static func call(_ endpoint: String, _ body: [UInt8], timeout: Double = 5) throws -> [UInt8] {
        let context = try ZMQContext()
        defer { context.terminate() }
        let socket = try ZMQSocket(context, .dealer)
        defer { socket.close() }
        try socket.connect(endpoint)
        try socket.send([[], body])
        var poller = Poller()
        poller.add(socket)
        guard try poller.poll(timeoutMilliseconds: Int(timeout * 1000)) > 0,
              let frames = try socket.receive(dontWait: true), let answer = frames.last
        else { throw Failure.noAnswer(endpoint: endpoint, seconds: timeout) }
        return answer
    }
}
