import DequeModule
import Majordomo

/// The Majordomo broker as a pure state machine: fed messages, send failures and clock ticks with
/// the current time, it answers with messages to send. No sockets, no clocks of its own, so every
/// rule of RFC 18 / RFC 7 / RFC 8 is tested without sleeping.
///
/// Two things go beyond the reference brokers. Each delivery to a worker carries, in place of the
/// client's address, a broker-issued delivery id that the worker echoes back (MDP workers treat the
/// address as opaque): so the broker knows exactly which request a reply answers, hands a dead
/// worker's requests to another worker, and ignores a late reply to a request already redelivered.
/// And a worker may announce a credit in READY to hold several requests at once (a ward's worker
/// keeps many cases open), where plain MDP workers hold one.
public struct Broker: Sendable {
    /// A routing id or service name as a dictionary key. It hashes its bytes in one call, where
    /// `[UInt8]`'s own `Hashable` feeds the hasher byte by byte — visible in profiles at the
    /// message rates a district sees under load.
    struct ByteKey: Hashable, Sendable {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    public typealias Instant = ContinuousClock.Instant

    /// A request waiting for, or held by, a worker.
    struct Request: Sendable {
        /// The client's routing id; empty for the dispatcher's own deliveries (see `tag`).
        var client: [UInt8]
        var dialect: Dialect
        var service: [UInt8]
        var body: [[UInt8]]
        var expiresAt: Instant
        var deliveries: Int
        /// Non-zero for a delivery the dispatcher itself makes (a journaled help request): its
        /// replies and its loss go back to the dispatcher, which owns redelivery.
        var tag: UInt64 = 0

        var isInternal: Bool { tag != 0 }
    }

    struct Worker: Sendable {
        var service: [UInt8]
        var dialect: Dialect
        var credit: Int
        var lastSeen: Instant
        /// Requests this worker holds, by delivery id.
        var inFlight: [UInt64: Request] = [:]
        /// Whether the worker is in its service's `ready` queue (it has spare credit).
        var isQueued = false
        /// Learned: RFC 18 workers heartbeat while busy; majortomo's and the zguide's do not.
        var heartbeatsWhileBusy = false

        var isBusy: Bool { !inFlight.isEmpty }
        var hasCredit: Bool { inFlight.count < credit }

        /// Records a delivery; returns whether the worker can still take more (and so stays queued).
        mutating func assign(_ id: UInt64, _ request: Request) -> Bool {
            inFlight[id] = request
            isQueued = hasCredit
            return isQueued
        }

        /// Settles a delivery on FINAL; returns the request and whether the worker must be put back
        /// in the ready queue (it had no spare credit before).
        mutating func complete(_ id: UInt64) -> (request: Request, requeueWorker: Bool)? {
            guard let request = inFlight.removeValue(forKey: id) else { return nil }
            defer { isQueued = true }
            return (request, !isQueued)
        }
    }

    struct Service: Sendable {
        /// Workers with spare credit, longest-waiting first.
        var ready: Deque<[UInt8]> = []
        var pending: Deque<Request> = []
        var workerCount = 0
    }

    public let configuration: BrokerConfiguration
    /// Services the dispatcher answers itself (like MMI): requests for them go to
    /// `Outbox.internalRequests` instead of a queue.
    public var internalServices: Set<[UInt8]> = []
    /// With keys: who may send what (``AccessPolicy``); nil on an open broker.
    public var access: AccessPolicy?
    var workers: [ByteKey: Worker] = [:]
    var services: [ByteKey: Service] = [:]
    /// Requests held by workers, across all services.
    var inFlightCount = 0
    var nextDeliveryID: UInt64 = 1
    var queuedCount = 0
    var nextHeartbeat: Instant
    var nextHousekeeping: Instant

    public init(configuration: BrokerConfiguration = BrokerConfiguration(), now: Instant) {
        self.configuration = configuration
        nextHeartbeat = now + configuration.heartbeatInterval
        nextHousekeeping = now + configuration.housekeepingInterval
    }

    /// When `tick` next has work to do; the socket shell polls no longer than this.
    public var nextDeadline: Instant { min(nextHeartbeat, nextHousekeeping) }

    /// Number of registered workers, per service name.
    public func workerCount(service: [UInt8]) -> Int { services[ByteKey(service)]?.workerCount ?? 0 }

    /// Requests waiting for a worker, across all services.
    public var queuedRequests: Int { queuedCount }

    /// Requests held by workers right now.
    public var requestsInFlight: Int { inFlightCount }

    /// How many more requests the workers of `service` can take right now.
    public func spareCredit(service: [UInt8]) -> Int {
        guard let entry = services[ByteKey(service)] else { return 0 }
        return entry.ready.reduce(0) { total, peer in
            guard let worker = workers[ByteKey(peer)] else { return total }
            return total + max(0, worker.credit - worker.inFlight.count)
        }
    }

    /// Hands one of the dispatcher's own requests to a worker of `service`. Its replies come back
    /// as `Outbox.internalReplies`, its loss (the worker died) as `Outbox.internalLost`; the broker
    /// never redelivers it by itself. Check `spareCredit` first: without a worker it waits in the
    /// queue like any request.
    public mutating func deliverInternal(service: [UInt8], body: [[UInt8]], tag: UInt64, now: Instant,
                                         into out: inout Outbox) {
        precondition(tag != 0, "tag 0 means an external request")  // safe: programming error, not input
        let request = Request(client: [], dialect: .rfc18, service: service, body: body,
                              expiresAt: now + configuration.busyWorkerTimeout, deliveries: 0, tag: tag)
        services[ByteKey(service), default: Service()].pending.append(request)
        queuedCount += 1
        dispatch(service, now: now, into: &out)
    }

    /// Handles one message from `peer` (the frames after the ROUTER routing id).
    public mutating func receive(from peer: [UInt8], _ frames: ArraySlice<[UInt8]>, userID: String? = nil,
                                 now: Instant, into out: inout Outbox) {
        let decoded = BrokerInbound.decode(frames)
        if let access, case .success(let inbound) = decoded, case .refuse(let reason) = access.decide(userID, inbound) {
            return refuse(peer, inbound, reason: reason, userID: userID, now: now, into: &out)
        }
        switch decoded {
        case .failure(let reason):
            out.notices.append(.invalidMessage(peer: peer, reason: reason))
        case .success(.request(let dialect, let service, let body)):
            clientRequest(from: peer, dialect, service: service, body: body, userID: userID, now: now, into: &out)
        case .success(let command):
            workerCommand(from: peer, command, now: now, into: &out)
        }
    }

    /// The socket reported that `message` could not be sent: its peer is gone (`unreachable`)
    /// or its queue is full.
    public mutating func sendFailed(_ message: Outbox.Message, unreachable: Bool, now: Instant,
                                    into out: inout Outbox) {
        let peer = message.peer
        switch message.kind {
        case .heartbeat where !unreachable:
            break  // a busy, silent worker's queue filled with heartbeats: it is not dead for that
        case .request, .heartbeat:
            removeWorker(peer, reason: unreachable ? .unreachable : .stuck, now: now, into: &out)
        case .reply:
            out.notices.append(.replyDropped(peer: peer, reason: unreachable ? "client gone" : "client not reading"))
        case .disconnect:
            break
        }
    }
}
