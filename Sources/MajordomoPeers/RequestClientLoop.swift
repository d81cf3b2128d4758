import ZeroMQ

/// The socket side of `RequestClient`, confined to the client's thread.
final class RequestClientLoop: @unchecked Sendable {
    // safe: handed to the new thread once at start; only that thread touches it afterwards.

    enum Command: Sendable {
        case request([UInt8], CheckedContinuation<[UInt8], any Error>)
        case close
    }

    private let endpoint: String
    private let timeout: Double
    private let curve: CurveClientKeys?
    private let context: ZMQContext
    private let mailbox: Mailbox<Command>
    private let clock = ContinuousClock()

    init(endpoint: String, timeout: Double, curve: CurveClientKeys?, context: ZMQContext, mailbox: Mailbox<Command>) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.curve = curve
        self.context = context
        self.mailbox = mailbox
    }

    func run() {
        var socket: ZMQSocket?
        defer { socket?.close() }
        var queue: [(body: [UInt8], continuation: CheckedContinuation<[UInt8], any Error>)] = []
        var current: (continuation: CheckedContinuation<[UInt8], any Error>, deadline: ContinuousClock.Instant)?
        while true {
            if current == nil, !queue.isEmpty {
                let next = queue.removeFirst()
                do {
                    let live = try socket ?? connect()
                    socket = live
                    // Never blocking: a DEALER whose CURVE handshake was refused has no pipe left to queue on, and a
                    // blocking send would hang this thread for good. Unsent counts as unanswered.
                    let sent = try live.send([[], next.body], dontWait: true)
                    current = (next.continuation, clock.now + .milliseconds(Int64(timeout * 1000)))
                    if !sent { current?.deadline = clock.now }
                } catch {
                    socket?.close()
                    socket = nil
                    next.continuation.resume(throwing: error)
                    continue
                }
            }
            var poller = Poller()
            let mailboxIndex = poller.add(fileDescriptor: mailbox.fileDescriptor)
            let socketIndex = socket.map { poller.add($0) }
            let wait = current.map { max(0, Int(($0.deadline - clock.now).wholeMilliseconds) + 1) } ?? -1
            _ = try? poller.poll(timeoutMilliseconds: wait)
            if poller.isReadable(mailboxIndex) {
                for command in mailbox.drain() {
                    switch command {
                    case .request(let body, let continuation): queue.append((body, continuation))
                    case .close:
                        current?.continuation.resume(throwing: RequestClient.Failure.closed)
                        for pending in queue { pending.continuation.resume(throwing: RequestClient.Failure.closed) }
                        return
                    }
                }
            }
            if let index = socketIndex, let live = socket, poller.isReadable(index), let active = current,
               let frames = try? live.receive(dontWait: true), let answer = frames.last {
                active.continuation.resume(returning: answer)
                current = nil
            }
            if let active = current, clock.now >= active.deadline {
                socket?.close()
                socket = nil
                active.continuation.resume(throwing: RequestClient.Failure.noAnswer(endpoint: endpoint, seconds: timeout,
                                                                                       keyed: curve != nil))
                current = nil
            }
        }
    }

    private func connect() throws -> ZMQSocket {
        let socket = try ZMQSocket(context, .dealer)
        do {
            try socket.set(.linger(milliseconds: 0))
            if let curve { try socket.secure(asClient: curve) }
            try socket.connect(endpoint)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }
}
