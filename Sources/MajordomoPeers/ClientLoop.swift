import Majordomo
import ZeroMQ

/// The socket side of `MajordomoClient`, confined to the client's thread.
final class ClientLoop: @unchecked Sendable {
    // safe: handed to the new thread once at start; only that thread touches it afterwards.

    struct Pending: Sendable {
        var service: [UInt8]
        var body: [[UInt8]]
        var onPartial: (@Sendable ([[UInt8]]) -> Void)?
        var continuation: CheckedContinuation<[[UInt8]], any Error>
    }

    enum Command: Sendable {
        case request(Pending)
        case close
    }

    private let endpoint: String
    private let options: MajordomoClient.Options
    private let context: ZMQContext
    private let mailbox: Mailbox<Command>
    private var queue: [Pending] = []
    private let clock = ContinuousClock()

    init(endpoint: String, options: MajordomoClient.Options, context: ZMQContext, mailbox: Mailbox<Command>) {
        self.endpoint = endpoint
        self.options = options
        self.context = context
        self.mailbox = mailbox
    }

    func run() {
        var socket: ZMQSocket?
        defer { socket?.close() }
        var current: (pending: Pending, attempt: Int, deadline: ContinuousClock.Instant)?
        while true {
            if current == nil, !queue.isEmpty {
                let next = queue.removeFirst()
                current = (next, 1, clock.now + options.timeout)
                socket = send(next, on: socket)
                if socket == nil { current = nil }
            }
            var poller = Poller()
            let mailboxIndex = poller.add(fileDescriptor: mailbox.fileDescriptor)
            let socketIndex = socket.map { poller.add($0) }
            let wait = current.map { max(0, Int(($0.deadline - clock.now).wholeMilliseconds) + 1) } ?? -1
            _ = try? poller.poll(timeoutMilliseconds: wait)
            if poller.isReadable(mailboxIndex) {
                for command in mailbox.drain() {
                    switch command {
                    case .request(let pending): queue.append(pending)
                    case .close:
                        current?.pending.continuation.resume(throwing: MajordomoClientError.closed)
                        for pending in queue { pending.continuation.resume(throwing: MajordomoClientError.closed) }
                        return
                    }
                }
            }
            if let index = socketIndex, let live = socket, poller.isReadable(index), var active = current {
                while let frames = try? live.receive(dontWait: true) {
                    guard case .success(let reply) = ClientCodec.decodeReply(options.dialect, frames) else { continue }
                    if reply.final {
                        active.pending.continuation.resume(returning: reply.body)
                        current = nil
                        break
                    }
                    active.pending.onPartial?(reply.body)
                    active.deadline = clock.now + options.timeout
                    current = active
                }
            }
            if let active = current, clock.now >= active.deadline {
                // Lazy Pirate: a fresh socket, so a late reply to the old attempt cannot be confused.
                socket?.close()
                socket = nil
                if active.attempt > options.retries {
                    active.pending.continuation.resume(throwing: MajordomoClientError.timedOut(
                        service: String(decoding: active.pending.service, as: UTF8.self),
                        attempts: active.attempt, endpoint: endpoint))
                    current = nil
                } else {
                    socket = send(active.pending, on: nil)
                    current = socket == nil ? nil : (active.pending, active.attempt + 1, clock.now + options.timeout)
                }
            }
        }
    }

    /// Sends a request, making a socket if needed; on failure resumes the caller with the error.
    private func send(_ pending: Pending, on existing: ZMQSocket?) -> ZMQSocket? {
        do {
            let socket = try existing ?? connect()
            try socket.send(ClientCodec.request(options.dialect, service: pending.service, body: pending.body))
            return socket
        } catch {
            existing?.close()
            pending.continuation.resume(throwing: error)
            return nil
        }
    }

    private func connect() throws -> ZMQSocket {
        let socket = try ZMQSocket(context, .dealer)
        do {
            if let curve = options.curve { try socket.secure(asClient: curve) }
            try socket.connect(endpoint)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }
}
