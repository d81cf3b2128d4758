/// What the coordinator needs from a statistics store, whatever the database behind it (SQLite embedded,
/// PostgreSQL for a whole city). Implementations must give the same answers for the same events.
public protocol StatsStore: Sendable {
    /// Folds a batch of events into the store in one transaction, ignoring any event whose sequence number
    /// is not above the last one applied for its district.
    func apply(_ events: [CoordinatorEvent]) throws
    /// The last sequence number applied for `district` (0 when none).
    func lastSequence(district: String) throws -> Int64
    /// Statistics grouped by `groupBy` over requests received in `[since, until)`, optionally one district.
    func stats(groupBy: StatsDimension, since: Double?, until: Double?, district: String?) throws -> [StatsRow]
}
