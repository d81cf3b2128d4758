import XungKichWire

/// What one statistics query answers: the grouped rows and, from the same scan, the backlog (open requests
/// by their current state) of the requests in the period.
public struct StatsReport: Sendable, Equatable {
    public var rows: [StatsRow]
    public var backlog: [String: Int]
}
