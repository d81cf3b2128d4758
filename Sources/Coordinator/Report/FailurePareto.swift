import XungKichWire

/// The failure reasons ranked most frequent first, each with its share of all failures and the running
/// total (a Pareto table): the few reasons that make most failures are where training or a fix pays most.
///
/// Built from rows grouped by failure reason (`--by failure-reason`); requests without a reason and
/// reasons with no failure are left out. Ties rank in key order, so the table is the same every time.
public struct FailurePareto: Sendable, Equatable {
    /// One reason's line.
    public struct Entry: Sendable, Equatable {
        /// The reason as the statistics key it (e.g. `NO_VNEID_L2`).
        public var reason: String
        /// Failures with this reason.
        public var failed: Int
        /// This reason's failures ÷ all failures.
        public var share: Rate
        /// This and every more frequent reason's failures ÷ all failures.
        public var cumulative: Rate

        /// Creates a line.
        public init(reason: String, failed: Int, share: Rate, cumulative: Rate) {
            self.reason = reason
            self.failed = failed
            self.share = share
            self.cumulative = cumulative
        }
    }

    /// Most frequent first.
    public var entries: [Entry]
    /// Failures with a reason, in all.
    public var total: Int

    /// Ranks the reasons of `rows` (grouped by failure reason).
    public init(rows: [StatsRow]) {
        let ranked = rows.compactMap { row in row.key.map { (reason: $0, failed: row.failed) } }
            .filter { $0.failed > 0 }
            .sorted { ($1.failed, $0.reason) < ($0.failed, $1.reason) }
        let total = ranked.reduce(0) { $0 + $1.failed }
        var running = 0
        entries = ranked.map { reason, failed in
            running += failed
            return Entry(reason: reason, failed: failed, share: Rate(numerator: failed, denominator: total),
                         cumulative: Rate(numerator: running, denominator: total))
        }
        self.total = total
    }
}
