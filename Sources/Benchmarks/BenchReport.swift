import Foundation

/// The bench's table: throughput under load and latency with one request in flight, each against raw.
///
/// Ratios are taken within each round (raw and the broker measured minutes apart on a shared machine
/// can see different machines) and the median over rounds is reported; so are the absolute figures.
struct BenchReport {
    typealias Row = (name: String, load: BenchScenario.Outcome, single: BenchScenario.Outcome)

    var rounds: [[Row]]
    var clients: Int
    var window: Int

    func render() -> String {
        guard let first = rounds.first, !first.isEmpty else { return "" }
        var lines = [
            "",
            pad("", 34) + pad("\(clients)×\(window) in flight", 38) + "1 in flight",
            pad("path", 34) + pad("rt/s", 10) + pad("p50 µs", 9) + pad("p99 µs", 9) + pad("×raw", 10)
                + pad("p50 µs", 9) + pad("p99 µs", 9) + "p50 − raw",
        ]
        for index in first.indices {
            let rows = rounds.map { $0[index] }
            let ratios = rounds.map { $0[index].load.roundTripsPerSecond / max($0[0].load.roundTripsPerSecond, 1) }
            let deltas = rounds.map { $0[index].single.p50Micros - $0[0].single.p50Micros }
            var line = pad(first[index].name, 34)
            line += pad(String(format: "%.0f", Self.median(rows.map(\.load.roundTripsPerSecond))), 10)
            line += pad(String(format: "%.0f", Self.median(rows.map(\.load.p50Micros))), 9)
            line += pad(String(format: "%.0f", Self.median(rows.map(\.load.p99Micros))), 9)
            line += pad(String(format: "%.3f", Self.median(ratios)), 10)
            line += pad(String(format: "%.0f", Self.median(rows.map(\.single.p50Micros))), 9)
            line += pad(String(format: "%.0f", Self.median(rows.map(\.single.p99Micros))), 9)
            line += String(format: "%+.0f µs", Self.median(deltas))
            let lost = rows.reduce(0) { $0 + $1.load.lost + $1.single.lost }
            if lost > 0 { line += "  (\(lost) lost)" }
            lines.append(line)
        }
        lines.append("")
        lines.append("×raw and p50 − raw are medians of per-round comparisons; other figures are medians over \(rounds.count) rounds.")
        return lines.joined(separator: "\n")
    }

    /// The median of `values` (0 for none).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
