/// Statistic 5: what the teams add to a ward's official uptake rate over some months.
///
/// The official figures come from the portal's monthly totals (``BaselineRow``, `xk baseline import`); the
/// assisted ones are the dossiers our teams filed online in the same months (by when the request was
/// resolved, Hanoi time). A ward appears when it has official totals for at least one of the months.
public struct ContributionRow: Sendable, Equatable, Codable {
    public var district: String
    public var ward: String
    /// Months of the range with official totals for the ward.
    public var months: Int
    public var officialResolved: Int
    public var officialOnline: Int
    public var officialFullProcess: Int
    public var officialOnTime: Int
    /// Dossiers filed online by assisted requests resolved in those months.
    public var assistedOnlineDossiers: Int
    /// Of those, filed through the full process (toàn trình).
    public var assistedFullProcessDossiers: Int

    /// Official online rate: online dossiers ÷ dossiers resolved.
    /// A row; a ward's row before any month is counted has every total zero.
    public init(district: String, ward: String, months: Int = 0, officialResolved: Int = 0, officialOnline: Int = 0,
                officialFullProcess: Int = 0, officialOnTime: Int = 0, assistedOnlineDossiers: Int = 0,
                assistedFullProcessDossiers: Int = 0) {
        self.district = district
        self.ward = ward
        self.months = months
        self.officialResolved = officialResolved
        self.officialOnline = officialOnline
        self.officialFullProcess = officialFullProcess
        self.officialOnTime = officialOnTime
        self.assistedOnlineDossiers = assistedOnlineDossiers
        self.assistedFullProcessDossiers = assistedFullProcessDossiers
    }

    public var officialOnlineRate: Rate { Rate(numerator: officialOnline, denominator: officialResolved) }
    /// Official full-process rate: toàn trình dossiers ÷ dossiers resolved.
    public var officialFullProcessRate: Rate { Rate(numerator: officialFullProcess, denominator: officialResolved) }
    /// Official on-time rate: dossiers resolved on time ÷ dossiers resolved.
    public var officialOnTimeRate: Rate { Rate(numerator: officialOnTime, denominator: officialResolved) }
    /// The contribution: assisted online dossiers ÷ the ward's dossiers resolved, i.e. the points of the
    /// official online rate that the teams' work accounts for.
    public var contribution: Rate { Rate(numerator: assistedOnlineDossiers, denominator: officialResolved) }
    /// Assisted online dossiers ÷ all the ward's online dossiers.
    public var assistedShareOfOnline: Rate { Rate(numerator: assistedOnlineDossiers, denominator: officialOnline) }
}
