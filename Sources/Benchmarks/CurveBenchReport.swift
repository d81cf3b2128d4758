import Foundation

/// What `xk bench --curve` adds to the table: the dispatcher with keys (CurveZMQ, ZAP, per-message
/// authorization) against the same dispatcher without, on the same workload in the same round, as a ratio per
/// round and the median of those ratios (the target: at least 0.5× plain throughput).
struct CurveBenchReport {
    /// One round: under load and with one request in flight, plain and keyed.
    typealias Round = (plain: BenchScenario.Outcome, curve: BenchScenario.Outcome,
                       plainSingle: BenchScenario.Outcome, curveSingle: BenchScenario.Outcome)

    var rounds: [Round]
    var clients: Int
    var window: Int
    var target = 0.5

    func render() -> String {
        guard !rounds.isEmpty else { return "" }
        let ratios = rounds.map { $0.curve.roundTripsPerSecond / max($0.plain.roundTripsPerSecond, 1) }
        var lines = ["keys vs plain (same dispatcher, workers and \(clients)×\(window) load; who goes first alternates):"]
        for (index, round) in rounds.enumerated() {
            lines.append(String(format: "  round %d: plain %.0f/s, CURVE %.0f/s, ratio %.3f", index + 1,
                                round.plain.roundTripsPerSecond, round.curve.roundTripsPerSecond, ratios[index]))
        }
        let ratio = BenchReport.median(ratios)
        lines.append(String(format: "  CURVE ÷ plain throughput: %.2f× (median of %d per-round ratios; target ≥ %.1f×: ",
                            ratio, rounds.count, target) + (ratio >= target ? "met)" : "NOT met)"))
        let plainP50 = BenchReport.median(rounds.map(\.plainSingle.p50Micros))
        let curveP50 = BenchReport.median(rounds.map(\.curveSingle.p50Micros))
        lines.append(String(format: "  one in flight, p50: plain %.0f µs, CURVE %.0f µs (%+.0f µs)", plainP50, curveP50,
                            BenchReport.median(rounds.map { $0.curveSingle.p50Micros - $0.plainSingle.p50Micros })))
        return lines.joined(separator: "\n")
    }
}
