import XungKich

/// Every routing decision of the durable dispatcher in one pure value, fed `now` (wall-clock seconds) so it
/// is tested without sockets or sleeps:
///
/// - **Order within a ward:** urgent requests (priority — elderly, disability, deadline — or waiting longer
///   than `agingThreshold`, so none starves) before others, older before newer (``isUrgent(_:now:)``, used by
///   ``WardQueue``).
/// - **Overflow to neighbours:** a ward's waiting requests are offered to its configured neighbours once it has
///   had no worker for `overflowAfterNoWorker`, or its oldest waiting request is older than `overflowAge`. The
///   no-worker clock is kept here (``observe(ward:workers:now:)``), not in the socket shell.
/// - **Lost deliveries:** redelivered after `base × 2^(attempt−1)` seconds (capped), until `maxAttempts`, then
///   an operator's (``afterLoss(attempts:)``).
/// - **Given back by a ward:** dispatched again after `declinedRetry` (``declinedRetryAt(now:)``).
///
/// Which worker of a ward gets a delivery is the broker's (credit, least recently used), not a policy here.
public struct RoutingPolicy: Sendable, Equatable {
    public let configuration: DeskConfiguration
    /// When each ward was first seen with waiting work and no worker.
    private(set) var noWorkerSince: [WardCode: Double] = [:]

    public init(configuration: DeskConfiguration) {
        self.configuration = configuration
    }

    /// What to do with a request whose delivery was lost.
    public enum AfterLoss: Sendable, Equatable {
        /// Deliver again once this many seconds have passed.
        case redeliver(after: Double)
        /// Too many attempts: it waits for an operator (`xk attention`, `xk requeue`).
        case needsAttention
    }

    /// Whether a waiting request is served before ordinary ones.
    public func isUrgent(_ entry: WardQueue.Entry, now: Double) -> Bool {
        entry.isPriority || now - entry.createdAt >= configuration.agingThreshold
    }

    /// Records how many workers `ward` has now; starts or stops its no-worker clock.
    public mutating func observe(ward: WardCode, workers: Int, now: Double) {
        if workers > 0 {
            noWorkerSince.removeValue(forKey: ward)
        } else if noWorkerSince[ward] == nil {
            noWorkerSince[ward] = now
        }
    }

    /// Whether `ward`'s waiting requests go to its neighbours now.
    public func shouldOverflow(ward: WardCode, oldestWaitingSince oldest: Double?, now: Double) -> Bool {
        if let since = noWorkerSince[ward], now - since >= configuration.overflowAfterNoWorker { return true }
        return oldest.map { now - $0 >= configuration.overflowAge } ?? false
    }

    /// The wards that may take `ward`'s overflow, in the configuration's order.
    public func neighbours(of ward: WardCode) -> [WardCode] { configuration.neighbours[ward] ?? [] }

    /// The decision after a lost delivery, `attempts` deliveries so far.
    public func afterLoss(attempts: Int) -> AfterLoss {
        attempts >= configuration.maxAttempts ? .needsAttention : .redeliver(after: configuration.backoff(afterAttempt: attempts))
    }

    /// When a request a ward gave back may be dispatched again.
    public func declinedRetryAt(now: Double) -> Double { now + configuration.declinedRetry }
}
