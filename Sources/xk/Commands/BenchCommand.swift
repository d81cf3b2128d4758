import ArgumentParser
import Dispatcher
import Foundation
import Logging
import Majordomo
import MajordomoPeers
import XungKich
import ZeroMQ

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
        try await StatsBench(cases: cases, ingestCases: ingestCases, batch: batch, repeats: repeats, folder: path).run()
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
        // Clients and servers get contexts (and I/O threads) of their own, as separate processes would.
        let context = try ZMQContext()
        let servers = try ZMQContext()
        defer {
            context.terminate()
            servers.terminate()
        }
        let load = scenario("load", clients, window)
        let single = scenario("single", 1, 1)
        print("xk bench: \(clients) clients × \(window) in flight, \(workers) echo workers, \(bodySize)-byte bodies, "
              + "\(duration) s per run, median of \(rounds) rounds, loopback tcp")

        // Several rounds, each path's median kept: one noisy second on a shared machine should not
        // decide a figure. The paths alternate within a round, so they share the machine's mood.
        var rounds: [[(String, BenchScenario.Outcome, BenchScenario.Outcome)]] = []
        var durableRounds: [(memory: DurableBench.Outcome, disk: DurableBench.Outcome)] = []
        let durableBench = try durable ? DurableBench(config: DistrictConfig.load(path: config), load: load,
                                                      workers: workers, credit: workerCredit) : nil
        for round in 1...self.rounds {
            var rows: [(String, BenchScenario.Outcome, BenchScenario.Outcome)] = []
            let raw = try await measureRaw(context: context, servers: servers, load: load, single: single)
            rows.append(("raw DEALER↔ROUTER echo (1 hop)", raw.0, raw.1))
            let ours = try await measureDispatcher(context: context, servers: servers, load: load, single: single, credit: workerCredit)
            rows.append(("xk dispatcher, worker credit \(workerCredit)", ours.0, ours.1))
            if let variant = spinVariant {
                let other = try await measureDispatcher(context: context, servers: servers, load: load, single: single,
                                                        credit: workerCredit, spinMaxInFlight: variant)
                rows.append(("  same, spin ≤ \(variant) in flight", other.0, other.1))
            }
            if workerCredit != 1 {
                let plain = try await measureDispatcher(context: context, servers: servers, load: load, single: single, credit: 1)
                rows.append(("xk dispatcher, plain MDP workers", plain.0, plain.1))
            }
            if compareMajortomo {
                let theirs = try await measureMajortomo(context: context, servers: servers, load: load, single: single)
                rows.append(("majortomo 0.2.0 broker", theirs.0, theirs.1))
            }
            var summary = rows.map { "\($0.0): \(Int($0.1.roundTripsPerSecond))/s" }
            if let durableBench {
                let memory = try await durableBench.measure(inMemory: true, context: context, servers: servers)
                let disk = try await durableBench.measure(inMemory: false, context: context, servers: servers)
                durableRounds.append((memory, disk))
                summary.append("submits in memory/on disk: \(Int(memory.submit.roundTripsPerSecond))/\(Int(disk.submit.roundTripsPerSecond))/s")
            }
            if self.rounds > 1 { print("round \(round): " + summary.joined(separator: "; ")) }
            rounds.append(rows)
        }
        print(BenchReport(rounds: rounds, clients: clients, window: window).render())
        if durableBench != nil {
            print(DurableBench.render(durableRounds, clients: clients, window: window))
        }
    }

    private func scenario(_ name: String, _ clients: Int, _ window: Int) -> BenchScenario {
        BenchScenario(name: name, clients: clients, window: window, duration: .seconds(duration), bodySize: bodySize)
    }

    private func measureRaw(context: ZMQContext, servers: ZMQContext, load: BenchScenario, single: BenchScenario)
        async throws -> (BenchScenario.Outcome, BenchScenario.Outcome)
    {
        let echo = BenchEcho(.rawRouter(bind: "tcp://127.0.0.1:0"))
        SocketThread.start(name: "xk-bench-echo") { echo.run(context: servers) }
        defer { echo.stop() }
        let endpoint = try await echo.bound.value()
        return (try await load.run(endpoint: endpoint, proto: .raw, context: context),
                try await single.run(endpoint: endpoint, proto: .raw, context: context))
    }

    private func measureDispatcher(context: ZMQContext, servers: ZMQContext, load: BenchScenario, single: BenchScenario, credit: Int,
                                   spinMaxInFlight: Int? = nil)
        async throws -> (BenchScenario.Outcome, BenchScenario.Outcome)
    {
        var options = DispatcherOptions(endpoint: "tcp://127.0.0.1:0")
        options.spinMaxInFlight = spinMaxInFlight ?? self.spinMaxInFlight
        options.ioThreads = ioThreads
        let dispatcher = try DispatcherService(options: options)
        let running = Task { try await dispatcher.run() }
        defer { dispatcher.stop() }
        let endpoint = try await dispatcher.endpoint()
        let result = try await withEchoWorkers(endpoint: endpoint, dialect: .rfc18, credit: credit, context: servers) {
            (try await load.run(endpoint: endpoint, proto: .majordomo(.rfc18, service: echoService), context: context),
             try await single.run(endpoint: endpoint, proto: .majordomo(.rfc18, service: echoService), context: context))
        }
        dispatcher.stop()
        try await running.value
        return result
    }

    private func measureMajortomo(context: ZMQContext, servers: ZMQContext, load: BenchScenario, single: BenchScenario)
        async throws -> (BenchScenario.Outcome, BenchScenario.Outcome)
    {
        let (broker, endpoint) = try await MajortomoProcess.start(python: python)
        do {
            let result = try await withEchoWorkers(endpoint: endpoint, dialect: .majortomo, credit: 1, context: servers) {
                (try await load.run(endpoint: endpoint, proto: .majordomo(.majortomo, service: echoService), context: context),
                 try await single.run(endpoint: endpoint, proto: .majordomo(.majortomo, service: echoService), context: context))
            }
            await broker.stop()
            return result
        } catch {
            await broker.stop()
            throw error
        }
    }

    private var echoService: [UInt8] { Array("bench.echo".utf8) }

    private func withEchoWorkers<T>(endpoint: String, dialect: Dialect, credit: Int, context: ZMQContext,
                                    _ body: () async throws -> T) async throws -> T {
        let echoes = (0..<workers).map { _ in
            BenchEcho(.worker(connect: endpoint, dialect: dialect, service: echoService, credit: credit))
        }
        for (index, echo) in echoes.enumerated() {
            SocketThread.start(name: "xk-bench-worker-\(index)") { echo.run(context: context) }
        }
        defer { echoes.forEach { $0.stop() } }
        for echo in echoes { _ = try await echo.bound.value() }
        // Let READY reach the broker before the clock starts.
        try await Task.sleep(for: .milliseconds(300))
        return try await body()
    }
}
