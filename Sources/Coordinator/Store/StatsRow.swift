/// One group of a statistics query: its key and the counts, times and rates over the requests in it.
///
/// Definitions (a request counts from its `accepted` event):
/// - `resolved`: has an outcome other than CANCELLED, DUPLICATE or OUT_OF_SCOPE.
/// - `open`: no outcome yet and not in state RESOLVED, CANCELLED or CLOSED. A request closed as DUPLICATE or
///   OUT_OF_SCOPE is neither resolved nor open; so is a cancelled one.
/// - `onlineSubmissions`: outcome SUBMITTED_FULL_ONLINE or SUBMITTED_PARTIAL_ONLINE; `fullProcess`: the first.
/// - `aged60Plus`: age band 60_69, 70_79 or 80_plus.
/// - Times to resolve are `resolved_at − received_at` over resolved requests; the median of an even count is
///   the mean of the two middle values, p90 is the nearest-rank value (rank ⌈0.9·n⌉).
public struct StatsRow: Sendable, Equatable, Codable {
    /// The group's value of the dimension (a ward code, a day…); `nil` groups requests lacking it.
    public var key: String?
    /// Requests received (accepted).
    public var received: Int
    /// Requests resolved (see the type's definitions).
    public var resolved: Int
    /// Requests still open.
    public var open: Int
    /// Resolved by an online submission, full or partial process.
    public var onlineSubmissions: Int
    /// Resolved by a full-process (toàn trình) online submission.
    public var fullProcess: Int
    /// Resolved with outcome FAILED.
    public var failed: Int
    /// Requests from citizens aged 60 or more.
    public var aged60Plus: Int
    /// Median seconds from receipt to resolution over resolved requests; `nil` when none.
    public var medianSecondsToResolve: Double?
    /// 90th percentile (nearest rank) of seconds to resolve; `nil` when none.
    public var p90SecondsToResolve: Double?
    /// When the oldest open request was received (seconds since 1970); `nil` when none is open.
    public var oldestOpenReceivedAt: Double?

    /// Creates a row; the rates are computed from the counts.
    public init(key: String?, received: Int, resolved: Int, open: Int, onlineSubmissions: Int, fullProcess: Int,
                failed: Int, aged60Plus: Int, medianSecondsToResolve: Double? = nil,
                p90SecondsToResolve: Double? = nil, oldestOpenReceivedAt: Double? = nil) {
        self.key = key
        self.received = received
        self.resolved = resolved
        self.open = open
        self.onlineSubmissions = onlineSubmissions
        self.fullProcess = fullProcess
        self.failed = failed
        self.aged60Plus = aged60Plus
        self.medianSecondsToResolve = medianSecondsToResolve
        self.p90SecondsToResolve = p90SecondsToResolve
        self.oldestOpenReceivedAt = oldestOpenReceivedAt
    }

    /// Online conversion, the headline: online submissions ÷ resolved requests.
    public var conversion: Rate { Rate(numerator: onlineSubmissions, denominator: resolved) }
    /// Full-process share: toàn trình submissions ÷ all online submissions.
    public var fullProcessShare: Rate { Rate(numerator: fullProcess, denominator: onlineSubmissions) }
    /// Reach among the elderly: requests from citizens aged 60+ ÷ requests received.
    public var elderlyShare: Rate { Rate(numerator: aged60Plus, denominator: received) }
}
