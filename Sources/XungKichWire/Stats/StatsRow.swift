/// One group of a statistics query: its key and the counts, times and rates over the requests in it.
///
/// Definitions (a request counts from its `accepted` event, in the group of its values then):
/// - `resolved`: has an outcome other than CANCELLED, DUPLICATE or OUT_OF_SCOPE.
/// - `open`: no outcome yet and not in state RESOLVED, CANCELLED or CLOSED. A request closed as DUPLICATE or
///   OUT_OF_SCOPE is neither resolved nor open; so is a cancelled one.
/// - `onlineSubmissions`: outcome SUBMITTED_FULL_ONLINE or SUBMITTED_PARTIAL_ONLINE; `fullProcess`: the first.
/// - `aged60Plus`: age band 60_69, 70_79 or 80_plus.
/// - Times are from receipt: to the first delivery to a ward (assign), to the first IN_PROGRESS report
///   (first contact), to the outcome (resolve, over resolved requests). The median of an even count is the
///   mean of the two middle values; p90 is the nearest-rank value (rank ⌈0.9·n⌉).
/// - SLA: a resolved request meets it when its time to resolve, less the time spent WAITING_CITIZEN (which
///   pauses the clock), is at most the query's SLA.
/// - Workload: `assignments` counts each time a team was given a case, `declines` each time a team gave one
///   back; `reassigned` counts requests that some team declined. Grouped by team, a decline counts in the
///   declining team's row (with one assignment), the request itself in the row of the team that holds it.
public struct StatsRow: Sendable, Equatable, Codable {
    /// The group's value of the dimension (a ward code, a day…); `nil` groups requests lacking it.
    public var key: String?
    public var received = 0
    public var resolved = 0
    public var open = 0
    public var onlineSubmissions = 0
    public var fullProcess = 0
    /// Online submissions recorded with legacy level 4 / level 3 (old periods' vocabulary).
    public var legacyLevel4 = 0
    public var legacyLevel3 = 0
    /// Dossiers filed by online submissions (a submission may file several).
    public var onlineDossiers = 0
    public var failed = 0
    public var aged60Plus = 0
    /// Distinct citizens (by the dispatcher's pseudonymous key; anonymous requests are not counted).
    public var citizens = 0
    /// Requests that carried a citizen key (the denominator for repeat visits).
    public var identifiedRequests = 0
    /// Distinct residential groups (tổ dân phố) the requests came from.
    public var residentialGroups = 0
    public var medianSecondsToAssign: Double?
    public var p90SecondsToAssign: Double?
    public var medianSecondsToFirstContact: Double?
    public var p90SecondsToFirstContact: Double?
    public var medianSecondsToResolve: Double?
    public var p90SecondsToResolve: Double?
    /// Resolved requests within the SLA, and resolved requests with both times known.
    public var withinSLA = 0
    public var slaMeasured = 0
    public var assignments = 0
    public var declines = 0
    /// Requests given to a team at least once.
    public var assigned = 0
    /// Requests some team declined.
    public var reassigned = 0
    /// When the oldest open request was received (seconds since 1970); `nil` when none is open.
    public var oldestOpenReceivedAt: Double?

    /// A row with only its key; the counts start at zero.
    public init(key: String?) {
        self.key = key
    }

    /// Creates a row with the volume counts and resolution times (the rest stay zero).
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
    /// Legacy level 4 ÷ online submissions recorded with a legacy level (old periods).
    public var legacyLevel4Share: Rate { Rate(numerator: legacyLevel4, denominator: legacyLevel4 + legacyLevel3) }
    /// Reach among the elderly: requests from citizens aged 60+ ÷ requests received.
    public var elderlyShare: Rate { Rate(numerator: aged60Plus, denominator: received) }
    /// SLA adherence: resolved within the SLA ÷ resolved with known times.
    public var slaAdherence: Rate { Rate(numerator: withinSLA, denominator: slaMeasured) }
    /// Decline rate: declines ÷ assignments.
    public var declineRate: Rate { Rate(numerator: declines, denominator: assignments) }
    /// Reassign rate: requests some team declined ÷ requests assigned.
    public var reassignRate: Rate { Rate(numerator: reassigned, denominator: assigned) }
}
