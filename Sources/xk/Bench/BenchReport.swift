import Foundation

/// The bench's table: throughput under load and latency with one request in flight, each against raw.
struct BenchReport {
    var rows: [(String, BenchScenario.Outcome, BenchScenario.Outcome)]
    var clients: Int
    var window: Int

    func render() -> String {
        guard let raw = rows.first else { return "" }
        var lines = [
            "",
            pad("", 34) + pad("\(clients)×\(window) in flight", 38) + "1 in flight",
            pad("path", 34) + pad("rt/s", 10) + pad("p50 µs", 9) + pad("p99 µs", 9) + pad("×raw", 10)
                + pad("p50 µs", 9) + pad("p99 µs", 9) + "p50 − raw",
        ]
        for (name, load, single) in rows {
            var line = pad(name, 34)
            line += pad(String(format: "%.0f", load.roundTripsPerSecond), 10)
            line += pad(String(format: "%.0f", load.p50Micros), 9)
            line += pad(String(format: "%.0f", load.p99Micros), 9)
            line += pad(String(format: "%.3f", load.roundTripsPerSecond / max(raw.1.roundTripsPerSecond, 1)), 10)
            line += pad(String(format: "%.0f", single.p50Micros), 9)
            line += pad(String(format: "%.0f", single.p99Micros), 9)
            line += String(format: "%+.0f µs", single.p50Micros - raw.2.p50Micros)
            if load.lost + single.lost > 0 { line += "  (\(load.lost + single.lost) lost)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
