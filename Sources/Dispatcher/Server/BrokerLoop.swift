import Foundation
import Logging
import Majordomo
import XungKich
import XungKichWire
import ZeroMQ

/// The thin socket shell around `Broker`: owns the ROUTER socket on its own OS thread, feeds the
/// state machine what arrives and sends what it answers. Everything here runs on that one thread.
final class BrokerLoop {
    enum Command: Sendable { case stop }

    private let options: DispatcherOptions
    let logger: Logger
    private let socket: ZMQSocket
    private let mailbox: Mailbox<Command>
    private var broker: Broker
    private var outbox = Outbox()
    /// The frames of the message being handled, reused from one message to the next.
    private var frames: [[UInt8]] = []
    private let clock = ContinuousClock()
    private let durable: DurableDispatch?
    /// PUB socket for live journal events (`--events`); followers catch up through `xk.events`.
    private let events: ZMQSocket?
    /// The version of the authorized keys the broker's access policy was made from.
    private var keysVersion = 0
    /// When the metrics' gauges are sampled next (with `--metrics` and `--data`).
    private var nextSample: ContinuousClock.Instant

    /// Creates and binds the socket; throws if the endpoint cannot be bound.
    init(context: ZMQContext, mailbox: Mailbox<Command>, options: DispatcherOptions, logger: Logger) throws {
        self.options = options
        self.logger = logger
        self.mailbox = mailbox
        broker = Broker(configuration: options.broker, now: clock.now)
        nextSample = clock.now
        if let settings = options.durable {
            let journal: Journal
            if settings.inMemory {
                journal = try Journal(inMemoryNamed: settings.dataDirectory)
            } else {
                try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
                journal = try Journal(path: settings.journalPath, synchronous: settings.synchronous,
                                      keys: settings.prepared?.personalData)
            }
            durable = try DurableDispatch(journal: journal, durable: settings, maxBodySize: Int(options.maxMessageSize),
                                          logger: logger)
            if let factory = options.metrics {
                durable?.metrics = DispatcherMetrics(factory: factory, wards: settings.desk.neighbours.keys.sorted())
            }
            broker.internalServices = DurableDispatch.services
        } else {
            durable = nil
        }
        if let endpoint = options.eventsEndpoint, durable != nil {
            let publisher = try ZMQSocket(context, .pub)
            do {
                if let security = options.security { try publisher.secure(asServerWith: security.keyPair.secretKey) }
                // A slow follower must not hold the dispatcher: past this, PUB drops for it, and the
                // follower sees a gap in sequence numbers and asks `xk.events` for what it missed.
                try publisher.set(.sendHighWaterMark(100_000))
                try publisher.bind(endpoint)
            } catch {
                publisher.close()
                throw error
            }
            events = publisher
        } else {
            events = nil
        }
        socket = try ZMQSocket(context, .router)
        do {
            try socket.set(.routerMandatory(true))
            if let security = options.security {
                try socket.secure(asServerWith: security.keyPair.secretKey)
                let (keys, version) = security.registry.snapshot
                broker.access = AccessPolicy(keys: keys)
                keysVersion = version
            }
            // Above the limit at the socket, so a client whose message is a little too large gets an answer
            // saying so; past this libzmq drops the connection.
            try socket.set(.maxMessageSize(options.hardMessageLimit))
            let heartbeat = Int32(options.broker.heartbeatInterval.wholeMilliseconds)
            try socket.set(.heartbeatInterval(milliseconds: heartbeat))
            try socket.set(.heartbeatTimeout(milliseconds: heartbeat * Int32(options.broker.heartbeatLiveness)))
            try socket.bind(options.endpoint)
        } catch {
            socket.close()
            events?.close()
            throw error
        }
    }

    /// The endpoint actually bound (with the real port).
    func boundEndpoint() throws -> String { try socket.lastEndpoint() }

    /// Runs until a `.stop` command arrives, then closes the socket. Returns the error that stopped
    /// it otherwise (the journal could not be written).
    func run() -> (any Error)? {
        defer {
            socket.close()
            events?.close()
        }
        var waiter: SocketWaiter
        do {
            waiter = try SocketWaiter(socket: socket, otherFileDescriptor: mailbox.fileDescriptor)
        } catch {
            logger.critical("socket descriptor unavailable, dispatcher stopping", metadata: ["error": "\(error)"])
            return error
        }
        var spinUntil = clock.now
        while true {
            let now = clock.now
            // Right after traffic, poll without sleeping for a moment: the next message of a
            // conversation usually follows within microseconds, and waking a sleeping thread costs
            // more than that. When traffic stops, the loop sleeps as usual.
            let spinning = now < spinUntil
            // Yielding while spinning leaves the core to libzmq's I/O threads when they need it.
            if spinning { sched_yield() }
            var wait = spinning ? 0 : max(0, Int((broker.nextDeadline - now).wholeMilliseconds) + 1)
            if durable?.metrics != nil { wait = min(wait, max(0, Int((nextSample - now).wholeMilliseconds) + 1)) }
            // Under load a message has usually come in while the last turn ran: then the turn starts at once,
            // without a system call (`SocketWaiter`), and a stop command is seen between such turns through the
            // mailbox's queue.
            let socketReady: Bool
            let mailboxReady: Bool
            do {
                let ready = try waiter.wait(timeoutMilliseconds: wait)
                socketReady = ready.socket
                mailboxReady = ready.other || (ready.socket && !mailbox.isEmpty)
            } catch {
                logger.critical("poll failed, dispatcher stopping", metadata: ["error": "\(error)"])
                return error
            }
            if mailboxReady, mailbox.drain().contains(where: { if case .stop = $0 { true } else { false } }) {
                return nil
            }
            if socketReady {
                // Everything that arrived is handled before anything is sent, so libzmq's I/O thread
                // wakes once for the batch and writes it in one go, not once per message.
                let handled = drainSocket()
                if let error = finishTurn(now: clock.now) { return error }
                // Spin only while few requests are outstanding (queued or held by workers): then latency is
                // what matters. Under load the next message comes soon anyway, and spinning takes the core
                // from libzmq's I/O threads and the peers. Counting held requests alone was not enough:
                // plain MDP workers hold one each, so four of them kept the loop spinning under any load.
                if handled > 0, broker.queuedRequests + broker.requestsInFlight <= options.spinMaxInFlight {
                    spinUntil = clock.now + options.spin
                }
            }
            let later = clock.now
            if later >= broker.nextDeadline {
                broker.tick(now: later, into: &outbox)
                if let error = finishTurn(now: later) { return error }
            }
            if later >= nextSample { sampleMetrics(now: later) }
        }
    }

    /// Samples the metrics' gauges (queues, needs-attention, workers) from the desk and the broker: once a second,
    /// on this thread, so nothing is shared with the HTTP listener but the metrics' own atomics.
    private func sampleMetrics(now: ContinuousClock.Instant) {
        guard let durable, let metrics = durable.metrics else {
            nextSample = now + .seconds(3600)
            return
        }
        nextSample = now + .seconds(DispatcherMetrics.sampleInterval)
        let broker = self.broker
        metrics.sample(durable.desk.metricsSnapshot, workers: { broker.workerCount(service: WardService.name($0)) },
                       now: Date().timeIntervalSince1970)
    }

    /// Handles waiting messages, up to one batch; returns how many.
    private func drainSocket() -> Int {
        // One clock reading per batch: a batch takes microseconds, and timeouts are in seconds.
        let now = clock.now
        refreshAccess()
        let readingUserID = options.security != nil
        for count in 0..<options.batchSize {
            var userID: String?
            do {
                guard try socket.receive(into: &frames, userID: &userID, readingUserID: readingUserID, dontWait: true)
                else { return count }
            } catch {
                logger.error("receive failed", metadata: ["error": "\(error)"])
                return count
            }
            guard let peer = frames.first else { continue }
            // libzmq's MAXMSGSIZE limits each frame; the whole message is held to the same limit here. Over it,
            // only a client's `xk.*` request goes on, for the durable half to answer `too-large`: a client that
            // sent a little too much is told so. Anything else over the limit is dropped, never relayed.
            let size = frames.reduce(0, { $0 + $1.count })
            if size > options.maxMessageSize, !(durable != nil && Self.isInternalRequest(frames.dropFirst())) {
                logger.warning("oversized message dropped", metadata: [
                    "peer": "\(hex(peer))", "frames": "\(frames.count)", "bytes": "\(size)",
                ])
                continue
            }
            broker.receive(from: peer, frames.dropFirst(), userID: userID, now: now, into: &outbox)
        }
        return options.batchSize
    }

    /// Ends a loop turn: the durable half takes its share, the journal commits (one fsync for the
    /// whole turn), and only then is anything sent. A journal that cannot be written is answered with
    /// retryable errors (see `DurableDispatch`); one that cannot even be read stops the dispatcher.
    private func finishTurn(now: ContinuousClock.Instant) -> (any Error)? {
        if let durable {
            let wallClock = Date().timeIntervalSince1970
            durable.absorb(&outbox, now: wallClock, access: broker.access)
            durable.deliver(broker: &broker, outbox: &outbox, now: wallClock, instant: now)
            do {
                let committed = try durable.commitAndAnswer(broker: &broker, outbox: &outbox, now: wallClock)
                publish(committed)
            } catch {
                logger.critical("journal unreadable; stopping without answering this turn", metadata: [
                    "error": "\(error)", "journal": "\(durable.journal.path)",
                ])
                outbox.removeAll()
                return error
            }
        }
        flush(now: now)
        return nil
    }

    /// With keys: a key added, changed or revoked in `authorized.yaml` (or on SIGHUP) reaches the access policy
    /// here, so a revoked key's next message is refused without a restart. The registry looks at the file at most
    /// once a second.
    private func refreshAccess() {
        guard let registry = options.security?.registry else { return }
        let (keys, version) = registry.snapshot
        guard version != keysVersion else { return }
        keysVersion = version
        broker.access = AccessPolicy(keys: keys)
        logger.notice("authorized keys changed; access policy updated", metadata: ["identities": "\(keys.keys.count)"])
    }

    /// Whether `frames` (after the routing id) are a client's request for one of the dispatcher's own `xk.*`
    /// services; only the header frames are looked at.
    private static func isInternalRequest(_ frames: ArraySlice<[UInt8]>) -> Bool {
        guard case .success(.request(_, let service, _)) = BrokerInbound.decode(frames) else { return false }
        return DurableDispatch.services.contains(service)
    }

    /// Publishes committed events as `["event", JSON]`, in sequence order.
    private func publish(_ committed: [JournalEvent]) {
        guard let events, !committed.isEmpty else { return }
        var sent = 0
        defer { durable?.metrics?.recordPublished(sent) }
        for event in committed {
            // A PUB send that would block drops the event for that follower, which then sees a gap in the
            // sequence numbers and asks `xk.events` for it: nothing is lost by not waiting.
            do {
                if try events.send([WireEvent.topic, WireJSON.encode(event.wireForFollower)], dontWait: true) { sent += 1 }
            } catch {
                logger.warning("event publish failed; followers will replay it", metadata: [
                    "seq": "\(event.seq)", "error": "\(error)",
                ])
            }
        }
    }

    /// Sends what the broker produced; a failed send goes back to the broker, which may produce
    /// more to send (a requeued request for another worker), so this loops by index.
    private func flush(now: ContinuousClock.Instant) {
        var index = 0
        while index < outbox.messages.count {
            let message = outbox.messages[index]
            index += 1
            do {
                if try !socket.send(message.frames, dontWait: true) {
                    broker.sendFailed(message, unreachable: false, now: now, into: &outbox)
                }
            } catch let error as ZMQError where error.isHostUnreachable {
                broker.sendFailed(message, unreachable: true, now: now, into: &outbox)
            } catch {
                logger.error("send failed", metadata: ["error": "\(error)"])
            }
        }
        for notice in outbox.notices { log(notice) }
        // Internal replies and losses raised while sending wait for the next turn's `absorb`.
        outbox.messages.removeAll(keepingCapacity: true)
        outbox.notices.removeAll(keepingCapacity: true)
    }
}
