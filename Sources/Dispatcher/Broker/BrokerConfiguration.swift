/// Timing and limits of the Majordomo broker. Defaults follow the MDP convention (2.5 s × 3)
/// and the ward offices' reality (a help case can keep a worker busy for hours).
public struct BrokerConfiguration: Sendable, Equatable {
    /// How often the broker heartbeats workers and expects to hear from them.
    public var heartbeatInterval: Duration = .milliseconds(2500)
    /// Missed intervals after which an idle worker is dead.
    public var heartbeatLiveness: Int = 3
    /// How long a busy worker that does not heartbeat while busy (majortomo's, the zguide's) may stay
    /// silent before its request is given to another worker.
    public var busyWorkerTimeout: Duration = .seconds(6 * 3600)
    /// How long a request may wait in a service's queue for a worker before it is dropped.
    public var requestExpiry: Duration = .seconds(300)
    /// How many times one request is handed to a worker before the broker gives up on it
    /// (a request that kills every worker must not loop forever).
    public var maxDeliveries: Int = 5
    /// Requests queued across all services before new ones are refused, so that a flood of
    /// requests for services nobody serves cannot exhaust memory.
    public var maxQueuedRequests: Int = 100_000

    public init() {}

    /// The silence after which an idle (or heartbeating busy) worker is declared dead.
    public var idleWorkerTimeout: Duration { heartbeatInterval * heartbeatLiveness }

    /// Housekeeping period: expiries are checked at least this often.
    var housekeepingInterval: Duration { min(heartbeatInterval, .milliseconds(250)) }
}
