import Dispatcher
import Foundation
import Logging
import Telemetry
import XungKich
import XungKichWire
import ZeroMQ

/// The durable-dispatch part of `xk bench`: `xk.submit` throughput, and the rate at which ward
/// workers' outcomes are settled while submissions continue, with the journal on disk
/// (synchronous=FULL, one commit per loop turn) and, in the same run, in memory.
struct DurableBench {
    let config: DistrictConfig
    let load: BenchScenario
    let workers: Int
    let credit: Int

    struct Outcome: Sendable {
        var submit: BenchScenario.Outcome
        var outcomesPerSecond: Double
    }

    /// An elderly citizen's birth registration at Bạch Mai, anonymous.
    static let requestBody = WireJSON.encode(HelpRequest(
        ward: "00286", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn,
        priority: PriorityFlags(elderly: true), citizen: Citizen(ageBand: .from70To79)))
    static let finalBody = WorkerReport(outcome: .guidedOnly).json

    /// With `metrics`, the dispatcher keeps its Prometheus metrics (every ward's instruments) and a scraper reads
    /// the whole page once a second, as Prometheus would.
    func measure(inMemory: Bool, metrics: MetricsRegistry? = nil, context: ZMQContext, servers: ZMQContext) async throws
        -> Outcome
    {
        let directory = NSTemporaryDirectory() + "xk-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = DispatcherOptions(endpoint: "tcp://127.0.0.1:0")
        var durable = DurableOptions(dataDirectory: directory, districtCode: config.district.code,
                                     validate: HelpRequestIntake.validator(for: config))
        durable.inMemory = inMemory
        durable.desk.neighbours = Dictionary(uniqueKeysWithValues: config.wards.map {
            (WardCode($0.code), $0.neighbours.map(WardCode.init))
        })
        options.durable = durable
        options.metrics = metrics?.factory
        let scraper = metrics.map { metrics in
            Task {
                while !Task.isCancelled {
                    _ = metrics.exposition()
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
        defer { scraper?.cancel() }
        var logger = Logger(label: "xk.bench.dispatcher")
        logger.logLevel = .warning
        let dispatcher = try DispatcherService(options: options, logger: logger)
        let running = Task { try await dispatcher.run() }
        defer { dispatcher.stop() }
        let endpoint = try await dispatcher.endpoint()

        // Submissions alone: every answer waits for its turn's commit.
        let submit = try await load.run(endpoint: endpoint, proto: .submit(body: Self.requestBody), context: context)

        // Then workers settle the backlog while submissions go on: each outcome is a delivery and a
        // resolution journaled, besides the new submissions.
        let echoes = (0..<workers).map { _ in
            BenchEcho(.worker(connect: endpoint, dialect: .rfc18, service: WardService.name("00286"), credit: credit,
                              final: Self.finalBody))
        }
        for (index, echo) in echoes.enumerated() {
            SocketThread.start(name: "xk-bench-ward-\(index)") { echo.run(context: servers) }
        }
        for echo in echoes { _ = try await echo.bound.value() }
        try await Task.sleep(for: .milliseconds(300))
        let before = echoes.reduce(0) { $0 + $1.answered.load(ordering: .relaxed) }
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await load.run(endpoint: endpoint, proto: .submit(body: Self.requestBody), context: context)
        let elapsed = clock.now - start
        let after = echoes.reduce(0) { $0 + $1.answered.load(ordering: .relaxed) }
        echoes.forEach { $0.stop() }
        dispatcher.stop()
        try await running.value
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Outcome(submit: submit, outcomesPerSecond: seconds > 0 ? Double(after - before) / seconds : 0)
    }

    /// The table: medians over rounds, ratios durable ÷ in-memory taken within each round.
    static func render(_ rounds: [(memory: Outcome, disk: Outcome, metered: Outcome?)], clients: Int, window: Int) -> String {
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        typealias Round = (memory: Outcome, disk: Outcome, metered: Outcome?)
        /// A row and its ratios to `base` (1 without one), each ratio taken within a round, then the median.
        func row(_ name: String, _ pick: (Round) -> Outcome?, base: ((Round) -> Outcome)?) -> String {
            let pairs = rounds.compactMap { round in pick(round).map { ($0, base?(round)) } }
            let outcomes = pairs.map(\.0)
            let submitRatio = base == nil ? 1 : median(pairs.map { $0.0.submit.roundTripsPerSecond / max($0.1?.submit.roundTripsPerSecond ?? 1, 1) })
            let outcomeRatio = base == nil ? 1 : median(pairs.map { $0.0.outcomesPerSecond / max($0.1?.outcomesPerSecond ?? 1, 1) })
            return name.padding(toLength: 36, withPad: " ", startingAt: 0)
                + String(format: "%-11.0f%-9.0f%-9.0f%-14.3f%-13.0f%.3f",
                         median(outcomes.map(\.submit.roundTripsPerSecond)), median(outcomes.map(\.submit.p50Micros)),
                         median(outcomes.map(\.submit.p99Micros)), submitRatio,
                         median(outcomes.map(\.outcomesPerSecond)), outcomeRatio)
        }
        var lines = [
            "",
            "durable dispatch, \(clients)×\(window) submissions in flight   submits/s  p50 µs   p99 µs   ×in-memory    outcomes/s   ×in-memory",
            row("journal in memory", { $0.memory }, base: nil),
            row("journal on disk (synchronous=FULL)", { $0.disk }, base: { $0.memory }),
        ]
        if rounds.contains(where: { $0.metered != nil }) {
            lines += [
                "",
                "with --metrics (every ward's instruments, page read 1/s)   submits/s  p50 µs   p99 µs   ×without      outcomes/s   ×without",
                row("journal on disk, metrics on", { $0.metered }, base: { $0.disk }),
            ]
        }
        return lines.joined(separator: "\n")
    }
}
