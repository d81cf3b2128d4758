import ArgumentParser
import Benchmarks
import Foundation
import Logging

/// `xk bench`: the benchmarks behind the README's figures.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the dispatcher (default) or the coordinator's statistics.",
        subcommands: [DispatchBenchCommand.self, StatsBenchCommand.self],
        defaultSubcommand: DispatchBenchCommand.self)
}

/// `xk bench stats`: events ingested per second and grouped-query latency over a million cases.
struct StatsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Measure the coordinator: events ingested per second, and grouped-query latency over many cases.",
        discussion: "Build in release mode first: swift build -c release; .build/release/xk bench stats.")

    @Option(help: "Cases in the store the queries run over.") var cases = 1_000_000
    @Option(help: "Cases whose events (about 5 each) are ingested.") var ingestCases = 100_000
    @Option(help: "Events per ingest batch (the live path takes what arrived, up to 10,000).") var batch = 1000
    @Option(help: "Runs of each query.") var repeats = 15
    @Option(help: "Folder for the SQLite files (deleted afterwards unless --keep).") var folder: String?
    @Flag(help: "Keep the SQLite files.") var keep = false

    func validate() throws {
        guard cases >= 1, ingestCases >= 1, batch >= 1, repeats >= 1 else {
            throw ValidationError("--cases, --ingest-cases, --batch and --repeats must be ≥ 1")
        }
    }

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; measure with a release build (swift build -c release)")
        #endif
        let path = folder ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("xk-bench-stats-\(getpid())")
        defer { if !keep { try? FileManager.default.removeItem(atPath: path) } }
        try await StatsBench(cases: cases, ingestCases: ingestCases, batch: batch, repeats: repeats, folder: path,
                             output: { print($0) }).run()
    }
}

/// `xk bench [dispatch]`: measures the dispatcher against the raw libzmq ceiling in one run.
struct DispatchBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Measure dispatcher round trips against a raw DEALER/ROUTER echo, in one run (the default).",
        discussion: """
            Build in release mode first: swift run -c release xk bench. Everything runs on loopback tcp \
            in this process (the majortomo broker, with --compare-majortomo, as a child process). \
            Ratios measured in one run are what to compare; absolute figures depend on the machine.
            """
    )

    @Option(help: "Concurrent clients.") var clients = 4
    @Option(help: "Requests each client keeps in flight.") var window = 16
    @Option(help: "Echo workers behind the broker.") var workers = 4
    @Option(help: "Requests each xk echo worker takes at once (READY credit); 1 is plain MDP.")
    var workerCredit = 16
    @Option(help: "Seconds per measurement.") var duration = 3.0
    @Option(help: "Rounds over all paths; each figure is the median of its rounds.") var rounds = 3
    @Option(help: "District configuration for the durable-dispatch measurement.") var config = "config/hai-ba-trung.yaml"
    @Flag(inversion: .prefixedNo, help: "Also measure durable dispatch (xk.submit with the journal on disk and in memory).")
    var durable = true
    @Option(help: .hidden) var spinMaxInFlight = 4
    @Option(help: .hidden) var spinVariant: Int?
    @Option(help: .hidden) var ioThreads = 1
    @Option(help: "Request body size in bytes.") var bodySize = 100
    @Flag(help: "Also measure majortomo 0.2.0's broker (needs its Python venv).") var compareMajortomo = false
    @Flag(help: "Also measure the dispatcher with keys (CurveZMQ, ZAP, per-message authorization) beside the same dispatcher without, and report their ratio.")
    var curve = false
    @Flag(help: "Also measure durable dispatch on disk with its Prometheus metrics on (every ward's instruments, the page read once a second) beside the same without, and report their ratio.")
    var compareMetrics = false
    @Option(help: "Python with majortomo installed.")
    var python = ProcessInfo.processInfo.environment["XK_PYTHON"] ?? ".venv/bin/python"

    func validate() throws {
        guard clients >= 1, window >= 1, workers >= 1 else { throw ValidationError("clients, window and workers must be ≥ 1") }
        guard workerCredit >= 1 else { throw ValidationError("--worker-credit must be ≥ 1") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be ≥ 1") }
        guard duration > 0 else { throw ValidationError("--duration must be positive") }
        guard bodySize >= 8 else { throw ValidationError("--body-size must be at least 8 (the latency stamp)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        #if DEBUG
        print("warning: this is a debug build; measure with `swift run -c release xk bench`")
        #endif
        var options = DispatchBench.Options()
        options.clients = clients
        options.window = window
        options.workers = workers
        options.workerCredit = workerCredit
        options.duration = duration
        options.rounds = rounds
        options.durableConfig = durable ? config : nil
        options.spinMaxInFlight = spinMaxInFlight
        options.spinVariant = spinVariant
        options.ioThreads = ioThreads
        options.bodySize = bodySize
        options.majortomoPython = compareMajortomo ? python : nil
        options.curve = curve
        options.metrics = compareMetrics
        print(try await DispatchBench(options: options).run { print($0) })
    }
}
