import XungKichWire

/// The contribution statistic as `xk stats contribution --format json` writes it: the months asked and, per
/// ward, the official and assisted totals with every rate shown with its numerator and denominator.
///
/// Not suppressed like ``StatsExport``: its counts are dossiers from the portal's published monthly totals,
/// not citizens.
public struct ContributionExport: Sendable, Equatable, Encodable {
    /// One ward's totals and rates.
    public struct Row: Sendable, Equatable, Encodable {
        /// District and ward GSO codes.
        public var district: String
        public var ward: String
        /// Months of the range with official totals for the ward; the other figures cover only these.
        public var months: Int
        /// The portal's totals: dossiers resolved, of them online, toàn trình and on time.
        public var officialResolved: Int
        public var officialOnline: Int
        public var officialFullProcess: Int
        public var officialOnTime: Int
        /// Dossiers the teams filed online in those months, and of them toàn trình.
        public var assistedOnlineDossiers: Int
        public var assistedFullProcessDossiers: Int
        /// `contribution`, `officialOnlineRate`, `officialFullProcessRate`, `officialOnTimeRate`,
        /// `assistedShareOfOnline`.
        public var rates: [String: ExportedRate]

        init(_ row: ContributionRow) {
            district = row.district
            ward = row.ward
            months = row.months
            officialResolved = row.officialResolved
            officialOnline = row.officialOnline
            officialFullProcess = row.officialFullProcess
            officialOnTime = row.officialOnTime
            assistedOnlineDossiers = row.assistedOnlineDossiers
            assistedFullProcessDossiers = row.assistedFullProcessDossiers
            // Shown whatever their size: dossier counts identify nobody.
            rates = [
                "contribution": row.contribution, "officialOnlineRate": row.officialOnlineRate,
                "officialFullProcessRate": row.officialFullProcessRate, "officialOnTimeRate": row.officialOnTimeRate,
                "assistedShareOfOnline": row.assistedShareOfOnline,
            ].mapValues { ExportedRate.shown($0) }
        }
    }

    /// First month, `YYYY-MM`.
    public var from: String
    /// Last month, `YYYY-MM`, inclusive.
    public var to: String
    /// One per ward with official totals, in district and ward order.
    public var rows: [Row]

    /// The export of `rows` over `from…to`.
    public init(from: String, to: String, rows: [ContributionRow]) {
        self.from = from
        self.to = to
        self.rows = rows.map(Row.init)
    }
}
