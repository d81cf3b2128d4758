import CoreMetrics
import Foundation
import Telemetry
import Testing

@Suite("# HELP lines on /metrics")
struct MetricHelpTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The rows of docs/metrics.md's tables: name → the "what" column.
    private static func documented() throws -> [String: String] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `xk_") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[4]
        }
        return rows
    }

    @Test("every metric in docs/metrics.md has the same help text on /metrics, and no other metric has one")
    func catalogueMatchesDocs() throws {
        let documented = try Self.documented()
        #expect(documented.count >= 19)
        #expect(documented == MetricHelp.texts)
    }

    @Test("each known metric gets one HELP line right before its TYPE line; unknown metrics get none")
    func helpBeforeType() {
        let metrics = MetricsRegistry()
        Counter(label: "xk_dispatcher_requests_accepted_total", dimensions: [("ward", "00256")], factory: metrics.factory)
            .increment(by: 3)
        Counter(label: "xk_dispatcher_requests_accepted_total", dimensions: [("ward", "00259")], factory: metrics.factory)
            .increment()
        Gauge(label: "xk_ward_open_cases", dimensions: [("ward", "00256"), ("team", "none")], factory: metrics.factory)
            .record(2)
        Gauge(label: "not_ours", factory: metrics.factory).record(1)
        let lines = String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n").map(String.init)

        let counterType = lines.firstIndex(of: "# TYPE xk_dispatcher_requests_accepted_total counter")
        #expect(counterType.map { lines[$0 - 1] } == "# HELP xk_dispatcher_requests_accepted_total help requests accepted (journaled)")
        #expect(lines.filter { $0.hasPrefix("# HELP xk_dispatcher_requests_accepted_total ") }.count == 1)
        #expect(lines.contains(#"# HELP xk_ward_open_cases open cases per team (`team="none"`: not yet with a team)"#))
        #expect(!lines.contains { $0.hasPrefix("# HELP not_ours") })
        // The samples themselves are untouched.
        #expect(lines.contains(#"xk_dispatcher_requests_accepted_total{ward="00256"} 3"#))
    }
}
