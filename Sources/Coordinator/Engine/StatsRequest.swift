import XungKichWire

/// Figures a query computes beyond the volume counts, rates and time to resolve, which it always does.
/// Leaving out what a view does not show keeps the query fast over a million cases.
public struct StatsFigures: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Median and p90 time to assign and to first contact.
    public static let timeliness = StatsFigures(rawValue: 1)
    /// Distinct citizens and residential groups.
    public static let reach = StatsFigures(rawValue: 2)
    public static let all: StatsFigures = [.timeliness, .reach]
}

/// What a statistics query asks: a grouping over requests received in a period, in one district or all.
public struct StatsRequest: Sendable, Equatable {
    public var groupBy: StatsDimension
    /// Seconds since 1970, inclusive; nil for no lower bound.
    public var since: Double?
    /// Seconds since 1970, exclusive; nil for no upper bound.
    public var until: Double?
    public var district: String?
    /// One ward's requests only (the web's ward page); nil for every ward.
    public var ward: String?
    /// The SLA on active time to resolve (waiting for the citizen excluded), in seconds.
    public var slaSeconds: Double
    /// What to compute beyond the always-computed figures; rows leave the others at zero / nil.
    public var figures: StatsFigures
    /// Grouped by ward: units (or unit + U+001F + residential group) counted in another unit's row instead.
    public var regroup: [String: String] = [:]

    /// Three days of active time: what the ward offices promise a citizen who asks for help.
    public static let defaultSLASeconds: Double = 72 * 3600

    public init(groupBy: StatsDimension, since: Double? = nil, until: Double? = nil, district: String? = nil,
                ward: String? = nil, slaSeconds: Double = StatsRequest.defaultSLASeconds, figures: StatsFigures = .all) {
        self.groupBy = groupBy
        self.since = since
        self.until = until
        self.district = district
        self.ward = ward
        self.slaSeconds = slaSeconds
        self.figures = figures
    }
}
