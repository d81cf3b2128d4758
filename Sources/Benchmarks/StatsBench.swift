import Coordinator
import Foundation
import Logging
import MajordomoPeers
import XungKichWire

/// `xk bench stats`: the coordinator's two targets, measured: events ingested per second (decoded from the
/// dispatcher's JSON as `WireEvent`s and committed to SQLite on disk), and grouped-query latency over a
/// million cases, in the engine and end to end through the coordinator's endpoint.
public struct StatsBench: Sendable {
    var cases: Int
    var ingestCases: Int
    var batch: Int
    var repeats: Int
    var folder: String
    /// Where the report's lines go (the command prints them; the library does not).
    var output: @Sendable (String) -> Void

    /// `cases` in the store the queries run over, `ingestCases` whose events are ingested in batches of `batch`,
    /// each query run `repeats` times, the SQLite files in `folder`.
    public init(cases: Int, ingestCases: Int, batch: Int, repeats: Int, folder: String,
                output: @escaping @Sendable (String) -> Void) {
        self.cases = cases
        self.ingestCases = ingestCases
        self.batch = batch
        self.repeats = repeats
        self.folder = folder
        self.output = output
    }

    struct Latency {
        var name: String
        var median: Double
        var p90: Double
        var rows: Int
    }

    /// Runs the benchmark, handing each line of the report to `output` as it goes.
    public func run() async throws {
        output("xk bench stats: ingest \(ingestCases) cases' events in batches of \(batch); queries over \(cases) cases, "
              + "\(repeats) runs each; SQLite files in \(folder)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await ingest()
        try await queries()
    }

    private func ingest() async throws {
        var workload = StatsWorkload()
        let bodies = workload.eventBodies(cases: ingestCases)
        let path = (folder as NSString).appendingPathComponent("ingest.sqlite")
        try? FileManager.default.removeItem(atPath: path)
        let engine = try await StatsEngine(store: SQLiteFactStore(path: path))
        var decodeSeconds = 0.0, applySeconds = 0.0
        let clock = ContinuousClock()
        var index = 0
        while index < bodies.count {
            let slice = bodies[index..<min(index + batch, bodies.count)]
            index += slice.count
            let t0 = clock.now
            var events: [CoordinatorEvent] = []
            events.reserveCapacity(slice.count)
            for (district, body) in slice {
                events.append(CoordinatorEvent(district: district, event: try WireJSON.decode(WireEvent.self, from: body)))
            }
            let t1 = clock.now
            try await engine.apply(events)
            let t2 = clock.now
            decodeSeconds += Self.seconds(t1 - t0)
            applySeconds += Self.seconds(t2 - t1)
        }
        let total = decodeSeconds + applySeconds
        output("")
        output("ingest: \(bodies.count) events (\(await engine.factCount) cases) into SQLite on disk (WAL, synchronous=NORMAL)")
        output(String(format: "  %.0f events/s end to end (JSON decode %.1f s + fold and commit %.1f s); "
                     + "fold and commit alone %.0f events/s", Double(bodies.count) / total, decodeSeconds, applySeconds,
                     Double(bodies.count) / applySeconds))
    }

    private func queries() async throws {
        let path = (folder as NSString).appendingPathComponent("query.sqlite")
        try? FileManager.default.removeItem(atPath: path)
        let clock = ContinuousClock()
        do {
            var workload = StatsWorkload(seed: 7)
            let store = try SQLiteFactStore(path: path)
            let t0 = clock.now
            var written = 0
            while written < cases {
                let count = min(20_000, cases - written)
                var page: [RequestFact] = []
                page.reserveCapacity(count)
                for index in written..<(written + count) { page.append(workload.fact(index: index, of: cases)) }
                try await store.commit(page, sequences: ["007": Int64(written + count)])
                written += count
            }
            output(String(format: "\nstore: %d facts committed in %.1f s", cases, Self.seconds(clock.now - t0)))
        }
        let t0 = clock.now
        let engine = try await StatsEngine(store: SQLiteFactStore(path: path))
        let loadSeconds = Self.seconds(clock.now - t0)
        output(String(format: "coordinator start: %d facts loaded in %.1f s; resident memory %@",
                     await engine.factCount, loadSeconds, Self.residentMemory()))
        var results: [Latency] = []
        for dimension in [StatsDimension.ward, .team, .procedure, .day, .outcome] {
            var times: [Double] = []
            var rows = 0
            for _ in 0..<repeats {
                let start = clock.now
                rows = await engine.stats(StatsRequest(groupBy: dimension, figures: [])).count
                times.append(Self.seconds(clock.now - start) * 1000)
            }
            results.append(Self.latency("engine, --by \(dimension.rawValue)", times, rows))
        }
        for dimension in [StatsDimension.ward, .team] {
            var times: [Double] = []
            var rows = 0
            for _ in 0..<repeats {
                let start = clock.now
                rows = await engine.stats(StatsRequest(groupBy: dimension, figures: .all)).count
                times.append(Self.seconds(clock.now - start) * 1000)
            }
            results.append(Self.latency("engine, --by \(dimension.rawValue), every figure", times, rows))
        }
        do {
            var times: [Double] = []
            var rows = 0
            let since = StatsWorkload.start + 90 * 86_400
            for _ in 0..<repeats {
                let start = clock.now
                rows = await engine.stats(StatsRequest(groupBy: .ward, since: since, until: since + 30 * 86_400,
                                                       district: "007", figures: [])).count
                times.append(Self.seconds(clock.now - start) * 1000)
            }
            results.append(Self.latency("engine, --by ward, one month, one district", times, rows))
        }
        results += try await endToEnd(engine: engine)
        output("\ngrouped query latency over \(cases) cases (ms; median and p90 of \(repeats) runs):")
        for r in results {
            let name = r.name.padding(toLength: 46, withPad: " ", startingAt: 0)
            output("  " + name + String(format: " median %7.1f   p90 %7.1f   (%d rows)", r.median, r.p90, r.rows))
        }
    }

    /// The query as `xk stats` makes it: a ``StatsQueryMessage`` over the coordinator's ZeroMQ endpoint, the
    /// ``StatsAnswer`` decoded.
    private func endToEnd(engine: StatsEngine) async throws -> [Latency] {
        var logger = Logger(label: "xk.bench.coordinator")
        logger.logLevel = .warning
        let endpoint = try StatsEndpoint(endpoint: "tcp://127.0.0.1:0", engine: engine, logger: logger)
        let task = Task { try await endpoint.run() }
        defer {
            endpoint.stop()
            task.cancel()
        }
        let address = try await endpoint.boundEndpoint()
        let clock = ContinuousClock()
        var results: [Latency] = []
        let asked: [(StatsDimension, [StatsQueryMessage.Figure])] = [(.ward, []), (.team, []), (.ward, [.timeliness, .reach])]
        for (by, figures) in asked {
            var times: [Double] = []
            var rows = 0
            var query = StatsQueryMessage(report: .stats, by: by)
            query.figures = figures
            let body = WireJSON.encode(query)
            for _ in 0..<repeats {
                let start = clock.now
                let answer = try await RequestClient.call(address, body)
                rows = try WireJSON.decodeReply(StatsAnswer.self, from: answer).rows.count
                times.append(Self.seconds(clock.now - start) * 1000)
            }
            let what = figures.isEmpty ? "" : ", every figure"
            results.append(Self.latency("xk stats over ZeroMQ, --by \(by.rawValue)\(what)", times, rows))
        }
        return results
    }

    static func latency(_ name: String, _ times: [Double], _ rows: Int) -> Latency {
        let sorted = times.sorted()
        let p90 = sorted[min(sorted.count - 1, max(0, (sorted.count * 9 + 9) / 10 - 1))]
        return Latency(name: name, median: sorted[sorted.count / 2], p90: p90, rows: rows)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// VmRSS from /proc/self/status.
    static func residentMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return "unknown" }
        return line.dropFirst("VmRSS:".count).trimmingCharacters(in: .whitespaces)
    }
}
