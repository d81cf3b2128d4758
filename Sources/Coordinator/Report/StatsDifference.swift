import XungKichWire

/// A figure on which the coordinator disagrees with a recount of the dispatchers' journals
/// (`xk stats verify`), e.g. `ward 00286 received: journals 12, coordinator 11`.
public struct StatsDifference: Sendable, Equatable, CustomStringConvertible {
    /// The grouping compared (ward or outcome).
    public var dimension: StatsDimension
    /// The group's key; `(none)` for requests lacking the dimension's value.
    public var key: String
    /// The figure's API name, e.g. `onlineSubmissions`.
    public var figure: String
    /// The figure in the recount of the journals, and in the coordinator's answer.
    public var journals: Int
    public var coordinator: Int

    /// Creates a difference.
    public init(dimension: StatsDimension, key: String, figure: String, journals: Int, coordinator: Int) {
        self.dimension = dimension
        self.key = key
        self.figure = figure
        self.journals = journals
        self.coordinator = coordinator
    }

    /// As `xk stats verify` prints it.
    public var description: String {
        "\(dimension.rawValue) \(key) \(figure): journals \(journals), coordinator \(coordinator)"
    }

    /// The figures compared: the volume counts, which a recount from sequence 0 must reproduce exactly.
    public static let figures: [(name: String, value: @Sendable (StatsRow) -> Int)] = [
        ("received", { $0.received }), ("resolved", { $0.resolved }), ("open", { $0.open }),
        ("onlineSubmissions", { $0.onlineSubmissions }), ("fullProcess", { $0.fullProcess }), ("failed", { $0.failed }),
    ]

    /// Every difference between the recount's rows and the coordinator's, grouped by `dimension`, in key then
    /// figure order. A group one side lacks counts as zeros there.
    public static func between(journals: [StatsRow], coordinator: [StatsRow], dimension: StatsDimension) -> [StatsDifference] {
        func byKey(_ rows: [StatsRow]) -> [String: StatsRow] {
            Dictionary(rows.map { ($0.key ?? "(none)", $0) }, uniquingKeysWith: { first, _ in first })
        }
        let mine = byKey(journals), theirs = byKey(coordinator)
        var differences: [StatsDifference] = []
        for key in Set(mine.keys).union(theirs.keys).sorted() {
            for (name, value) in figures {
                let want = mine[key].map(value) ?? 0
                let got = theirs[key].map(value) ?? 0
                if want != got {
                    differences.append(StatsDifference(dimension: dimension, key: key, figure: name, journals: want,
                                                       coordinator: got))
                }
            }
        }
        return differences
    }
}
