/// What a statistics query asks: a grouping over requests received in a period, in one district or all.
public struct StatsRequest: Sendable, Equatable {
    public var groupBy: StatsDimension
    /// Seconds since 1970, inclusive; nil for no lower bound.
    public var since: Double?
    /// Seconds since 1970, exclusive; nil for no upper bound.
    public var until: Double?
    public var district: String?
    /// The SLA on active time to resolve (waiting for the citizen excluded), in seconds.
    public var slaSeconds: Double

    /// Three days of active time: what the ward offices promise a citizen who asks for help.
    public static let defaultSLASeconds: Double = 72 * 3600

    public init(groupBy: StatsDimension, since: Double? = nil, until: Double? = nil, district: String? = nil,
                slaSeconds: Double = StatsRequest.defaultSLASeconds) {
        self.groupBy = groupBy
        self.since = since
        self.until = until
        self.district = district
        self.slaSeconds = slaSeconds
    }
}
