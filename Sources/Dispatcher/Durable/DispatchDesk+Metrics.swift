import XungKich

extension DispatchDesk {
    /// What the metrics show of the desk, per ward: one pass over the open requests, taken at most once a second.
    struct MetricsSnapshot {
        var open: [WardCode: Int] = [:]
        var attention: [WardCode: Int] = [:]
        var waiting: [WardCode: Int] = [:]
        /// When each ward's longest-waiting request arrived (wall-clock seconds).
        var oldestWaiting: [WardCode: Double] = [:]
    }

    var metricsSnapshot: MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        for job in jobs.values {
            snapshot.open[job.stored.ward, default: 0] += 1
            if job.stored.needsAttention { snapshot.attention[job.stored.ward, default: 0] += 1 }
        }
        for (ward, queue) in waiting where !queue.isEmpty {
            snapshot.waiting[ward] = queue.count
            snapshot.oldestWaiting[ward] = queue.oldestCreatedAt
        }
        return snapshot
    }
}
