import Coordinator

/// The volume and resolution figures of a `StatsRow` (statistics 1–3 and time to resolve), compared as one
/// value so a test names every expected number of a group in one line.
struct Volume: Equatable, CustomStringConvertible {
    var key: String?
    var received, resolved, open, onlineSubmissions, fullProcess, failed, aged60Plus: Int
    var medianSecondsToResolve: Double?
    var p90SecondsToResolve: Double?
    var oldestOpenReceivedAt: Double?

    init(key: String?, received: Int, resolved: Int, open: Int, onlineSubmissions: Int, fullProcess: Int, failed: Int,
         aged60Plus: Int, medianSecondsToResolve: Double? = nil, p90SecondsToResolve: Double? = nil,
         oldestOpenReceivedAt: Double? = nil) {
        self.key = key
        self.received = received
        self.resolved = resolved
        self.open = open
        self.onlineSubmissions = onlineSubmissions
        self.fullProcess = fullProcess
        self.failed = failed
        self.aged60Plus = aged60Plus
        self.medianSecondsToResolve = medianSecondsToResolve
        self.p90SecondsToResolve = p90SecondsToResolve
        self.oldestOpenReceivedAt = oldestOpenReceivedAt
    }

    init(_ row: StatsRow) {
        self.init(key: row.key, received: row.received, resolved: row.resolved, open: row.open,
                  onlineSubmissions: row.onlineSubmissions, fullProcess: row.fullProcess, failed: row.failed,
                  aged60Plus: row.aged60Plus, medianSecondsToResolve: row.medianSecondsToResolve,
                  p90SecondsToResolve: row.p90SecondsToResolve, oldestOpenReceivedAt: row.oldestOpenReceivedAt)
    }

    var description: String {
        "\(key ?? "nil"): received \(received) resolved \(resolved) open \(open) online \(onlineSubmissions) "
            + "full \(fullProcess) failed \(failed) 60+ \(aged60Plus) median \(medianSecondsToResolve.map { "\($0)" } ?? "nil") "
            + "p90 \(p90SecondsToResolve.map { "\($0)" } ?? "nil") oldest open \(oldestOpenReceivedAt.map { "\($0)" } ?? "nil")"
    }
}
