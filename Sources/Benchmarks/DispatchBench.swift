import Dispatcher
import Foundation
import Logging
import Majordomo
import Telemetry
import XungKich
import ZeroMQ

/// `xk bench`: dispatcher round trips against the raw libzmq ceiling (a DEALER↔ROUTER echo), with credit and
/// plain MDP echo workers, optionally majortomo's broker and durable `xk.submit`, in one run; each figure is the
/// median of its rounds, and the paths alternate within a round so they share the machine's mood.
public struct DispatchBench: Sendable {
    /// What to measure; the defaults are the README's.
    public struct Options: Sendable {
        public var clients = 4
        public var window = 16
        public var workers = 4
        /// Requests each xk echo worker takes at once (READY credit); 1 is plain MDP.
        public var workerCredit = 16
        public var duration = 3.0
        public var rounds = 3
        /// The district configuration for durable dispatch; nil leaves durable dispatch out.
        public var durableConfig: String? = "config/hai-ba-trung.yaml"
        public var spinMaxInFlight = 4
        public var spinVariant: Int?
        public var ioThreads = 1
        public var bodySize = 100
        /// Python with majortomo 0.2.0, to measure its broker too.
        public var majortomoPython: String?
        /// Also measure the dispatcher with keys (CurveZMQ, ZAP, per-message authorization) beside the same
        /// dispatcher without, on the same workload, alternating which goes first in each round.
        public var curve = false
        /// Also measure durable dispatch on disk with the Prometheus metrics on (read once a second), beside the
        /// same without, in the same round.
        public var metrics = false

        public init() {}
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    /// Runs every round and returns the report to print.
    public func run(progress: @Sendable (String) -> Void) async throws -> String {
        let o = options
        // Clients and servers get contexts (and I/O threads) of their own, as separate processes would.
        let context = try ZMQContext()
        let servers = try ZMQContext()
        defer {
            context.terminate()
            servers.terminate()
        }
        let load = scenario("load", o.clients, o.window)
        let single = scenario("single", 1, 1)
        progress("xk bench: \(o.clients) clients × \(o.window) in flight, \(o.workers) echo workers, \(o.bodySize)-byte "
                 + "bodies, \(o.duration) s per run, median of \(o.rounds) rounds, loopback tcp")
        var rounds: [[(String, BenchScenario.Outcome, BenchScenario.Outcome)]] = []
        var durableRounds: [(memory: DurableBench.Outcome, disk: DurableBench.Outcome, metered: DurableBench.Outcome?)] = []
        let durableBench = try o.durableConfig.map {
            DurableBench(config: try DistrictConfig.load(path: $0), load: load, workers: o.workers, credit: o.workerCredit)
        }
        let curveKeys = o.curve ? try CurveBenchKeys.make() : nil
        defer { curveKeys?.remove() }
        var curveRounds: [CurveBenchReport.Round] = []
        for round in 1...o.rounds {
            var rows: [(String, BenchScenario.Outcome, BenchScenario.Outcome)] = []
            let raw = try await measureRaw(context: context, servers: servers, load: load, single: single)
            rows.append(("raw DEALER↔ROUTER echo (1 hop)", raw.0, raw.1))
            // With --curve the plain and keyed dispatchers serve the same service name (the one a ward key may
            // register), and take turns going first, so the only difference between them is the keys.
            let service = curveKeys == nil ? Self.echoService : CurveBenchKeys.service
            var keyed: (BenchScenario.Outcome, BenchScenario.Outcome)?
            if let curveKeys, round % 2 == 0 {
                keyed = try await measureDispatcher(context: context, servers: servers, load: load, single: single,
                                                    credit: o.workerCredit, service: service, keys: curveKeys)
            }
            let ours = try await measureDispatcher(context: context, servers: servers, load: load, single: single,
                                                   credit: o.workerCredit, service: service)
            if let curveKeys, keyed == nil {
                keyed = try await measureDispatcher(context: context, servers: servers, load: load, single: single,
                                                    credit: o.workerCredit, service: service, keys: curveKeys)
            }
            rows.append(("xk dispatcher, worker credit \(o.workerCredit)", ours.0, ours.1))
            if let keyed {
                rows.append(("  same, with keys (CURVE)", keyed.0, keyed.1))
                curveRounds.append((ours.0, keyed.0, ours.1, keyed.1))
            }
            if let variant = o.spinVariant {
                let other = try await measureDispatcher(context: context, servers: servers, load: load, single: single,
                                                        credit: o.workerCredit, spinMaxInFlight: variant)
                rows.append(("  same, spin ≤ \(variant) in flight", other.0, other.1))
            }
            if o.workerCredit != 1 {
                let plain = try await measureDispatcher(context: context, servers: servers, load: load, single: single, credit: 1)
                rows.append(("xk dispatcher, plain MDP workers", plain.0, plain.1))
            }
            if let python = o.majortomoPython {
                let theirs = try await measureMajortomo(python: python, context: context, servers: servers, load: load,
                                                        single: single)
                rows.append(("majortomo 0.2.0 broker", theirs.0, theirs.1))
            }
            var summary = rows.map { "\($0.0.trimmingCharacters(in: .whitespaces)): \(Int($0.1.roundTripsPerSecond))/s" }
            if let durableBench {
                let memory = try await durableBench.measure(inMemory: true, context: context, servers: servers)
                let disk = try await durableBench.measure(inMemory: false, context: context, servers: servers)
                let metered = o.metrics
                    ? try await durableBench.measure(inMemory: false, metrics: MetricsRegistry(), context: context,
                                                     servers: servers)
                    : nil
                durableRounds.append((memory, disk, metered))
                summary.append("submits in memory/on disk: \(Int(memory.submit.roundTripsPerSecond))/\(Int(disk.submit.roundTripsPerSecond))/s")
            }
            if o.rounds > 1 { progress("round \(round): " + summary.joined(separator: "; ")) }
            rounds.append(rows)
        }
        var report = BenchReport(rounds: rounds, clients: o.clients, window: o.window).render()
        if !curveRounds.isEmpty {
            report += "\n" + CurveBenchReport(rounds: curveRounds, clients: o.clients, window: o.window).render()
        }
        if durableBench != nil {
            report += "\n" + DurableBench.render(durableRounds, clients: o.clients, window: o.window)
        }
        return report
    }

    private func scenario(_ name: String, _ clients: Int, _ window: Int) -> BenchScenario {
        BenchScenario(name: name, clients: clients, window: window, duration: .seconds(options.duration),
                      bodySize: options.bodySize)
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

    private func measureDispatcher(context: ZMQContext, servers: ZMQContext, load: BenchScenario, single: BenchScenario,
                                   credit: Int, spinMaxInFlight: Int? = nil, service: [UInt8] = echoService,
                                   keys: CurveBenchKeys? = nil)
        async throws -> (BenchScenario.Outcome, BenchScenario.Outcome)
    {
        var dispatcherOptions = DispatcherOptions(endpoint: "tcp://127.0.0.1:0")
        dispatcherOptions.spinMaxInFlight = spinMaxInFlight ?? options.spinMaxInFlight
        dispatcherOptions.ioThreads = options.ioThreads
        dispatcherOptions.security = keys?.security
        // The fail-open guard's stranger is refused at every keyed start, which the dispatcher rightly logs as a
        // warning; in the bench's output it would only be noise.
        var logger = Logger(label: "xk.dispatcher")
        logger.logLevel = keys == nil ? logger.logLevel : .error
        let dispatcher = try DispatcherService(options: dispatcherOptions, logger: logger)
        let running = Task { try await dispatcher.run() }
        defer { dispatcher.stop() }
        let endpoint = try await dispatcher.endpoint()
        let proto = BenchProtocol.majordomo(.rfc18, service: service)
        let result = try await withEchoWorkers(endpoint: endpoint, dialect: .rfc18, credit: credit, context: servers,
                                               service: service, curve: keys?.worker) {
            (try await load.run(endpoint: endpoint, proto: proto, context: context, curve: keys?.client),
             try await single.run(endpoint: endpoint, proto: proto, context: context, curve: keys?.client))
        }
        dispatcher.stop()
        try await running.value
        return result
    }

    private func measureMajortomo(python: String, context: ZMQContext, servers: ZMQContext, load: BenchScenario,
                                  single: BenchScenario) async throws -> (BenchScenario.Outcome, BenchScenario.Outcome)
    {
        let (broker, endpoint) = try await MajortomoProcess.start(python: python)
        do {
            let result = try await withEchoWorkers(endpoint: endpoint, dialect: .majortomo, credit: 1, context: servers) {
                (try await load.run(endpoint: endpoint, proto: .majordomo(.majortomo, service: Self.echoService), context: context),
                 try await single.run(endpoint: endpoint, proto: .majordomo(.majortomo, service: Self.echoService), context: context))
            }
            await broker.stop()
            return result
        } catch {
            await broker.stop()
            throw error
        }
    }

    private static let echoService = Array("bench.echo".utf8)

    private func withEchoWorkers<T>(endpoint: String, dialect: Dialect, credit: Int, context: ZMQContext,
                                    service: [UInt8] = echoService, curve: CurveClientKeys? = nil,
                                    _ body: () async throws -> T) async throws -> T {
        let echoes = (0..<options.workers).map { _ in
            BenchEcho(.worker(connect: endpoint, dialect: dialect, service: service, credit: credit, curve: curve))
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
