import XungKichWire
import Coordinator

/// The volume and resolution figures of a `StatsRow` (statistics 1–3 and time to resolve), compared as one
/// value so a test names every expected number of a group in one line.
struct Volume: Equatable, CustomStringConvertible {
    var key: String?
    var received, resolved, open, onlineSubmissions, fullProcess, failed, aged60Plus: Int
    var medianSecondsToResolve: Double?
    var p90SecondsToResolve: Double?
    var oldestOpenReceivedAt: Double?

    init(_ row: StatsRow) {
        key = row.key
        received = row.received
        resolved = row.resolved
        open = row.open
        onlineSubmissions = row.onlineSubmissions
        fullProcess = row.fullProcess
        failed = row.failed
        aged60Plus = row.aged60Plus
        medianSecondsToResolve = row.medianSecondsToResolve
        p90SecondsToResolve = row.p90SecondsToResolve
        oldestOpenReceivedAt = row.oldestOpenReceivedAt
    }

    var description: String {
        "\(key ?? "nil"): received \(received) resolved \(resolved) open \(open) online \(onlineSubmissions) "
            + "full \(fullProcess) failed \(failed) 60+ \(aged60Plus) median \(medianSecondsToResolve.map { "\($0)" } ?? "nil") "
            + "p90 \(p90SecondsToResolve.map { "\($0)" } ?? "nil") oldest open \(oldestOpenReceivedAt.map { "\($0)" } ?? "nil")"
    }
}
