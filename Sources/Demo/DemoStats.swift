import Coordinator
import MajordomoPeers
import XungKichWire
import ZeroMQ

/// Asks the demo's coordinator for the figures the table shows (``StatsQueryMessage``, answered with ``StatsAnswer``).
struct DemoStats: Sendable {
    /// One refresh's rows.
    struct Snapshot: Sendable {
        var wardRows: [StatsRow]
        var districtRows: [StatsRow]
        /// The median over all districts: the single `by: day` row's, when the run stayed within one Hanoi day.
        var overallMedianSeconds: Double?

        /// Requests still open over every ward.
        var open: Int { wardRows.reduce(0) { $0 + $1.open } }
    }

    let endpoint: String
    /// Whether to ask for the all-districts median as well (several districts).
    let wantsOverall: Bool
    /// With keys: a viewer's keys for the coordinator.
    let curve: CurveClientKeys?

    /// The current figures, or `nil` when the coordinator does not answer within `timeout` seconds.
    func fetch(timeout: Double = 2) async -> Snapshot? {
        guard let wards = await rows(by: .ward, timeout: timeout),
              let districts = await rows(by: .district, timeout: timeout)
        else { return nil }
        var overall: Double?
        if wantsOverall, let days = await rows(by: .day, timeout: timeout), days.count == 1 {
            overall = days[0].medianSecondsToResolve
        }
        return Snapshot(wardRows: wards, districtRows: districts, overallMedianSeconds: overall)
    }

    /// The rows of one grouping, or `nil` on no answer or a refusal (the screen then says the coordinator
    /// did not answer, and the next refresh asks again).
    func rows(by dimension: StatsDimension, timeout: Double) async -> [StatsRow]? {
        let query = WireJSON.encode(StatsQueryMessage(report: .stats, by: dimension))
        guard let answer = try? await RequestClient.call(endpoint, query, timeout: timeout, curve: curve) else { return nil }
        return try? WireJSON.decodeReply(StatsAnswer.self, from: answer).rows
    }
}
