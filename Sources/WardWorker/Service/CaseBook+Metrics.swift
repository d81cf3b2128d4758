import XungKich

extension CaseBook {
    /// What the metrics show of the ward's cases: open cases per team (nil: not yet with a team) and every case
    /// the store holds by state. One pass over the cases, at most once a second.
    public struct MetricsSnapshot: Sendable {
        public var openByTeam: [TeamID?: Int] = [:]
        public var byState: [RequestState: Int] = [:]
    }

    public func metricsSnapshot() -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        for item in cases.values {
            snapshot.byState[item.state, default: 0] += 1
            if item.isOpen { snapshot.openByTeam[item.team, default: 0] += 1 }
        }
        return snapshot
    }
}
