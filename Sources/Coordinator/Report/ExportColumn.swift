import XungKichWire

/// One column of a statistics export: its name in CSV and JSON, how it is read from a ``StatsRow``, and
/// whether it counts citizens (or their requests), which decides whether a small value is suppressed.
public struct ExportColumn: Sendable {
    /// What the column holds.
    public enum Kind: Sendable, Equatable {
        /// A whole number of requests, citizens, assignments…
        case count
        /// A duration in seconds (a median or p90); never suppressed, it counts nobody.
        case seconds
    }

    /// The name in the CSV header and the JSON row, e.g. `online_submissions`.
    public let name: String
    /// A count or a duration.
    public let kind: Kind
    /// Whether a value of 1 to 4 could point at a person (see ``StatsExport/minimumCell``).
    public let countsCitizens: Bool
    private let read: @Sendable (StatsRow) -> Double?

    init(_ name: String, _ kind: Kind = .count, countsCitizens: Bool = true, _ read: @escaping @Sendable (StatsRow) -> Double?) {
        self.name = name
        self.kind = kind
        self.countsCitizens = kind == .count && countsCitizens
        self.read = read
    }

    /// The column's value in `row`; nil when the row has none (a median of no requests).
    public func value(_ row: StatsRow) -> Double? { read(row) }

    /// Every column of an export, in CSV order. Rates are exported as their numerators and denominators.
    public static let all: [ExportColumn] = [
        ExportColumn("received") { Double($0.received) },
        ExportColumn("open") { Double($0.open) },
        ExportColumn("resolved") { Double($0.resolved) },
        ExportColumn("online_submissions") { Double($0.onlineSubmissions) },
        ExportColumn("full_process") { Double($0.fullProcess) },
        ExportColumn("partial_process") { Double($0.onlineSubmissions - $0.fullProcess) },
        ExportColumn("legacy_level_4") { Double($0.legacyLevel4) },
        ExportColumn("legacy_level_3") { Double($0.legacyLevel3) },
        ExportColumn("online_dossiers") { Double($0.onlineDossiers) },
        ExportColumn("failed") { Double($0.failed) },
        ExportColumn("aged_60_plus") { Double($0.aged60Plus) },
        ExportColumn("citizens") { Double($0.citizens) },
        ExportColumn("identified_requests") { Double($0.identifiedRequests) },
        // A residential group has many households: a count of groups points at no one.
        ExportColumn("residential_groups", countsCitizens: false) { Double($0.residentialGroups) },
        ExportColumn("median_seconds_to_assign", .seconds) { $0.medianSecondsToAssign },
        ExportColumn("p90_seconds_to_assign", .seconds) { $0.p90SecondsToAssign },
        ExportColumn("median_seconds_to_first_contact", .seconds) { $0.medianSecondsToFirstContact },
        ExportColumn("p90_seconds_to_first_contact", .seconds) { $0.p90SecondsToFirstContact },
        ExportColumn("median_seconds_to_resolve", .seconds) { $0.medianSecondsToResolve },
        ExportColumn("p90_seconds_to_resolve", .seconds) { $0.p90SecondsToResolve },
        ExportColumn("within_sla") { Double($0.withinSLA) },
        ExportColumn("sla_measured") { Double($0.slaMeasured) },
        ExportColumn("assignments") { Double($0.assignments) },
        ExportColumn("declines") { Double($0.declines) },
        ExportColumn("assigned") { Double($0.assigned) },
        ExportColumn("reassigned") { Double($0.reassigned) },
    ]
}
