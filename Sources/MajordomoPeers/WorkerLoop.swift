import Logging
import Majordomo
import ZeroMQ

/// The socket side of `MajordomoWorker`, confined to the worker's thread.
final class WorkerLoop: @unchecked Sendable {
    // safe: handed to the new thread once at start; only that thread touches its state afterwards.

    enum Command: Sendable {
        /// A reply from the handler; `generation` says which connection the request came in on.
        case reply(generation: Int, client: [UInt8], final: Bool, body: [[UInt8]])
        case stop
    }

    private let worker: MajordomoWorker
    private let context: ZMQContext
    private let clock = ContinuousClock()
    private var socket: ZMQSocket?
    /// Bumped on every reconnect: replies to requests from an older connection are dropped, since
    /// the broker has given those requests to another worker.
    private var generation = 0
    private var inProgress = 0
    private var lastHeard = ContinuousClock.now
    private var nextHeartbeat = ContinuousClock.now
    private var backoff: Duration

    private var dialect: Dialect { worker.options.dialect }

    init(worker: MajordomoWorker, context: ZMQContext) {
        self.worker = worker
        self.context = context
        backoff = worker.options.reconnectInitial
    }

    func run() {
        defer { socket?.close() }
        connect()
        while true {
            var poller = Poller()
            let mailboxIndex = poller.add(fileDescriptor: worker.mailbox.fileDescriptor)
            let socketIndex = socket.map { poller.add($0) }
            let wait = max(0, Int((nextHeartbeat - clock.now).wholeMilliseconds) + 1)
            _ = try? poller.poll(timeoutMilliseconds: wait)
            if poller.isReadable(mailboxIndex), !handleCommands() { return }
            if let index = socketIndex, poller.isReadable(index) { receiveAll() }
            let now = clock.now
            if now - lastHeard > worker.options.heartbeatInterval * worker.options.heartbeatLiveness {
                worker.logger.warning("dispatcher silent, reconnecting", metadata: [
                    "endpoint": "\(worker.endpoint)", "backoff": "\(backoff)",
                ])
                reconnectAfterBackoff()
                if stopRequested { return }
            } else if now >= nextHeartbeat {
                send(WorkerCodec.heartbeat(dialect))
            }
        }
    }

    private var stopRequested = false

    /// Returns false when the worker must stop.
    private func handleCommands() -> Bool {
        for command in worker.mailbox.drain() {
            switch command {
            case .stop:
                send(WorkerCodec.disconnect(dialect))
                stopRequested = true
                return false
            case .reply(let gen, let client, let final, let body):
                guard gen == generation else { continue }
                if let frames = WorkerCodec.reply(dialect, client: client, final: final, body: body) {
                    send(frames)
                }
                if final { inProgress -= 1 }
            }
        }
        return true
    }

    private func receiveAll() {
        guard let socket else { return }
        while let frames = try? socket.receive(dontWait: true) {
            lastHeard = clock.now
            backoff = worker.options.reconnectInitial
            switch WorkerCodec.decode(dialect, frames) {
            case .success(.request(let client, let body)):
                guard inProgress < worker.options.concurrency else {
                    worker.logger.error("dispatcher sent more requests than this worker's credit; one ignored")
                    continue
                }
                inProgress += 1
                start(client: client, body: body)
            case .success(.heartbeat):
                break
            case .success(.disconnect):
                worker.logger.info("dispatcher asked us to reconnect")
                reconnect()
                return
            case .failure(let reason):
                worker.logger.debug("invalid message from dispatcher dropped", metadata: ["reason": "\(reason)"])
            }
        }
    }

    private func start(client: [UInt8], body: [[UInt8]]) {
        let (gen, mailbox, handler, logger) = (generation, worker.mailbox, worker.handler, worker.logger)
        let request = WorkerRequest(client: client, body: body) { partial in
            mailbox.post(.reply(generation: gen, client: client, final: false, body: partial))
        }
        Task {
            do {
                let reply = try await handler(request)
                mailbox.post(.reply(generation: gen, client: client, final: true, body: reply))
            } catch {
                logger.error("request handler failed; answering with an error", metadata: ["error": "\(error)"])
                mailbox.post(.reply(generation: gen, client: client, final: true,
                                    body: [Array("error: \(error)".utf8)]))
            }
        }
    }

    private func send(_ frames: [[UInt8]]) {
        guard let socket else { return }
        do {
            _ = try socket.send(frames, dontWait: true)
        } catch {
            worker.logger.warning("send to dispatcher failed", metadata: ["error": "\(error)"])
        }
        nextHeartbeat = clock.now + worker.options.heartbeatInterval
    }

    private func connect() {
        do {
            let fresh = try ZMQSocket(context, .dealer)
            if let curve = worker.options.curve { try fresh.secure(asClient: curve) }
            try fresh.connect(worker.endpoint)
            socket = fresh
            send(WorkerCodec.ready(dialect, service: Array(worker.service.utf8), credit: worker.options.concurrency))
            lastHeard = clock.now
            worker.logger.info("worker connected", metadata: [
                "endpoint": "\(worker.endpoint)", "service": "\(worker.service)",
            ])
        } catch {
            worker.logger.error("cannot connect", metadata: ["endpoint": "\(worker.endpoint)", "error": "\(error)"])
            lastHeard = clock.now
        }
    }

    private func reconnect() {
        socket?.close()
        socket = nil
        generation += 1
        inProgress = 0
        connect()
    }

    /// Waits out the backoff (still obeying `stop`), doubles it, and reconnects.
    private func reconnectAfterBackoff() {
        socket?.close()
        socket = nil
        var poller = Poller()
        poller.add(fileDescriptor: worker.mailbox.fileDescriptor)
        if (try? poller.poll(timeoutMilliseconds: Int(backoff.wholeMilliseconds))) ?? 0 > 0, !handleCommands() {
            return
        }
        backoff = min(backoff * 2, worker.options.reconnectMax)
        reconnect()
    }
}
