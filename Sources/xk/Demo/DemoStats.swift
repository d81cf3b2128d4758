import Coordinator
import Foundation
import MajordomoPeers
import ZeroMQ

/// Asks the demo's coordinator for the figures the table shows (`xk stats` protocol, see `StatsQuery`).
/// `RequestClient.call` blocks in `zmq_poll`, so each call runs on its own thread, never on the cooperative pool.
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

    /// The current figures, or `nil` when the coordinator does not answer within `timeout` seconds.
    func fetch(timeout: Double = 2) async -> Snapshot? {
        guard let wards = await rows(by: "ward", timeout: timeout),
              let districts = await rows(by: "district", timeout: timeout)
        else { return nil }
        var overall: Double?
        if wantsOverall, let days = await rows(by: "day", timeout: timeout), days.count == 1 {
            overall = days[0].medianSecondsToResolve
        }
        return Snapshot(wardRows: wards, districtRows: districts, overallMedianSeconds: overall)
    }

    /// The rows of one grouping, or `nil` on no answer or an error answer.
    func rows(by dimension: String, timeout: Double) async -> [StatsRow]? {
        let endpoint = endpoint
        return await SocketThread.run(name: "xk-demo-stats") { () -> [StatsRow]? in
            struct Answer: Decodable { var rows: [StatsRow] }
            guard let body = try? JSONSerialization.data(withJSONObject: ["by": dimension]),
                  let answer = try? RequestClient.call(endpoint, [UInt8](body), timeout: timeout)
            else { return nil }
            return try? JSONDecoder().decode(Answer.self, from: Data(answer)).rows
        }
    }
}
