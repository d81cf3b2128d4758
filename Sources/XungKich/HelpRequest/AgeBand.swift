/// The citizen's age band, stored instead of a birth date because it is all statistics and
/// priority need, and less personal data is less to protect.
public enum AgeBand: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Under 18.
    case under18 = "under_18"
    /// 18 to 39.
    case from18To39 = "18_39"
    /// 40 to 59.
    case from40To59 = "40_59"
    /// 60 to 69.
    case from60To69 = "60_69"
    /// 70 to 79.
    case from70To79 = "70_79"
    /// 80 and over.
    case from80 = "80_plus"

    /// 60 and over: the elderly citizens the teams exist for, who go first in the queue and
    /// are counted in the "share aged 60+" reach figure.
    public var isSixtyOrOver: Bool { self >= .from60To69 }

    /// Younger bands sort first, in declaration order.
    public static func < (lhs: AgeBand, rhs: AgeBand) -> Bool {
        order(of: lhs) < order(of: rhs)
    }

    private static func order(of band: AgeBand) -> Int {
        allCases.firstIndex(of: band) ?? 0
    }
}
