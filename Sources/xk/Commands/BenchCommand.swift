import ArgumentParser
import Benchmarks
import Foundation
import Logging

/// `xk bench`: the benchmarks behind the README's figures.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the dispatcher (default) or the coordinator's statistics.",
        subcommands: [DispatchBenchCommand.self, StandardBenchCommand.self, StatsBenchCommand.self,
                      BenchServeCommand.self],
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

/// `xk bench standard`: the standard Majordomo workloads with plain workers, servers as child processes.
struct StandardBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standard",
        abstract: "Measure the dispatcher on the standard Majordomo workloads (plain workers) beside a raw echo and a two-hop proxy.",
        discussion: """
            Workloads A (4 clients × 16 in flight, 4 workers), C (4 × 32, 16 workers) and 1 × 1 (4 workers), with \
            plain MDP workers that take one request at a time. Each server runs as a fresh child process per \
            measurement and its CPU time (all threads) is read from /proc, as ../shared/tools/mdpload/bench.sh does. \
            Build in release mode first: swift build -c release; .build/release/xk bench standard.
            """)

    @Option(help: "Seconds per measurement.") var duration = 3.0
    @Option(help: "Rounds over all paths; each figure is the median of its rounds.") var rounds = 3
    @Option(help: "Request body size in bytes.") var bodySize = 100
    @Option(help: "Dialects to measure the dispatcher in: rfc18, majortomo, mdp01 or all.") var dialect = "rfc18"
    @Option(help: "District configuration the dispatcher is started with (as a plain broker, without --data).")
    var config = "config/hai-ba-trung.yaml"

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be ≥ 1") }
        guard duration > 0 else { throw ValidationError("--duration must be positive") }
        guard bodySize >= 8 else { throw ValidationError("--body-size must be at least 8 (the latency stamp)") }
        var options = StandardBench.Options()
        guard options.setDialects(dialect) else { throw ValidationError("--dialect must be rfc18, majortomo, mdp01 or all") }
    }

    func run() async throws {
        #if DEBUG
        print("warning: this is a debug build; measure with a release build (swift build -c release)")
        #endif
        var options = StandardBench.Options()
        options.duration = duration
        options.rounds = rounds
        options.bodySize = bodySize
        _ = options.setDialects(dialect)
        options.config = config
        print(try await StandardBench(options: options).run { print($0) })
    }
}

/// `xk bench serve`: the reference servers `xk bench standard` starts as child processes.
struct BenchServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run a reference server for `xk bench standard` (echo or proxy) until stopped.",
        shouldDisplay: false)

    @Argument(help: "echo (a ROUTER echo) or proxy (zmq_proxy from --endpoint to --backend).") var kind: String
    @Option(help: "Endpoint to bind for clients.") var endpoint: String
    @Option(help: "Endpoint to bind for the proxy's workers.") var backend: String?

    func run() throws {
        switch kind {
        case "echo": try BenchServer.echo(endpoint: endpoint)
        case "proxy":
            guard let backend else { throw ValidationError("proxy needs --backend") }
            try BenchServer.proxy(endpoint: endpoint, backend: backend)
        default: throw ValidationError("serve echo or serve proxy")
        }
    }
}
