import Foundation
import Majordomo
import ZeroMQ

/// `xk bench standard`: the standard Majordomo workloads with plain workers (one request at a time, as every MDP
/// worker in the wild), the way `mdpload`'s bench.sh measures brokers: each server a fresh child process, its CPU
/// time (all threads) read from `/proc`, beside a raw DEALER↔ROUTER echo and a two-hop `zmq_proxy` on the same
/// load. Workloads: A 4 clients × 16 in flight and 4 workers, C 4 × 32 and 16 workers, and 1 × 1 with 4 workers.
public struct StandardBench: Sendable {
    public struct Options: Sendable {
        public var duration = 3.0
        public var rounds = 3
        public var bodySize = 100
        public var dialects: [Dialect] = [.rfc18]
        /// Sets ``dialects`` from `rfc18`, `majortomo`, `mdp01` or `all`; false for anything else.
        public mutating func setDialects(_ name: String) -> Bool {
            switch name {
            case "all": dialects = Dialect.allCases
            case "rfc18": dialects = [.rfc18]
            case "majortomo": dialects = [.majortomo]
            case "mdp01": dialects = [.mdp01]
            default: return false
            }
            return true
        }
        /// District configuration the dispatcher is started with (it runs without --data: a plain broker).
        public var config = "config/hai-ba-trung.yaml"

        public init() {}
    }

    struct Workload: Sendable {
        var name: String
        var clients: Int
        var window: Int
        var workers: Int
    }

    static let workloads = [
        Workload(name: "A", clients: 4, window: 16, workers: 4),
        Workload(name: "C", clients: 4, window: 32, workers: 16),
        Workload(name: "1×1", clients: 1, window: 1, workers: 4),
    ]

    enum Target: Sendable {
        case raw, proxy
        case dispatcher(Dialect)

        var name: String {
            switch self {
            case .raw: "raw DEALER↔ROUTER echo"
            case .proxy: "zmq_proxy, two hops"
            case .dispatcher(let dialect): "xk dispatcher, \(dialect)"
            }
        }
    }

    struct Sample: Sendable {
        var outcome: BenchScenario.Outcome
        /// Server CPU (user + system, all threads) per round trip, µs.
        var cpuMicros: Double
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    public func run(progress: @Sendable (String) -> Void) async throws -> String {
        let clients = try ZMQContext()
        let peers = try ZMQContext()
        defer {
            clients.terminate()
            peers.terminate()
        }
        let targets: [Target] = [.raw, .proxy] + options.dialects.map { .dispatcher($0) }
        progress("xk bench standard: plain workers, \(options.bodySize)-byte bodies, \(options.duration) s per run, "
                 + "median of \(options.rounds) rounds, servers as child processes, loopback tcp")
        // samples[workload][target] = one sample per round
        var samples = Array(repeating: Array(repeating: [Sample](), count: targets.count), count: Self.workloads.count)
        for round in 1...options.rounds {
            // Round-robin, as bench.sh does: drift on a shared machine hits every target alike.
            for (w, workload) in Self.workloads.enumerated() {
                for (t, target) in targets.enumerated() {
                    samples[w][t].append(try await measure(target, workload, clients: clients, peers: peers))
                }
            }
            if options.rounds > 1 {
                let line = targets.indices.map { t in
                    "\(targets[t].name): A \(Int(samples[0][t].last?.outcome.roundTripsPerSecond ?? 0))/s"
                }
                progress("round \(round): " + line.joined(separator: "; "))
            }
        }
        return render(samples, targets: targets)
    }

    private func measure(_ target: Target, _ workload: Workload, clients: ZMQContext, peers: ZMQContext)
        async throws -> Sample
    {
        let port = try ServerProcess.freePort()
        let endpoint = "tcp://127.0.0.1:\(port)"
        let scenario = BenchScenario(name: workload.name, clients: workload.clients, window: workload.window,
                                     duration: .seconds(options.duration), bodySize: options.bodySize)
        let server: ServerProcess
        var echoes: [BenchEcho] = []
        let proto: BenchProtocol
        switch target {
        case .raw:
            server = try await ServerProcess.start(["bench", "serve", "echo", "--endpoint", endpoint], port: port)
            proto = .raw
        case .proxy:
            let backPort = try ServerProcess.freePort()
            let back = "tcp://127.0.0.1:\(backPort)"
            server = try await ServerProcess.start(["bench", "serve", "proxy", "--endpoint", endpoint, "--backend", back],
                                                   port: port)
            echoes = (0..<workload.workers).map { _ in BenchEcho(.rawDealer(connect: back)) }
            proto = .raw
        case .dispatcher(let dialect):
            server = try await ServerProcess.start(["dispatcher", "--config", options.config, "--endpoint", endpoint,
                                                    "--log-level", "warning"], port: port)
            echoes = (0..<workload.workers).map { _ in
                BenchEcho(.worker(connect: endpoint, dialect: dialect, service: Self.service, credit: 1))
            }
            proto = .majordomo(dialect, service: Self.service)
        }
        for (index, echo) in echoes.enumerated() {
            SocketThread.start(name: "xk-bench-worker-\(index)") { echo.run(context: peers) }
        }
        do {
            for echo in echoes { _ = try await echo.bound.value() }
            // Let the workers' READY reach the broker before the clock starts.
            try await Task.sleep(for: .milliseconds(300))
            let before = server.cpuSeconds
            let outcome = try await scenario.run(endpoint: endpoint, proto: proto, context: clients)
            let cpu = server.cpuSeconds - before
            echoes.forEach { $0.stop() }
            await server.stop()
            return Sample(outcome: outcome, cpuMicros: outcome.completed > 0 ? cpu * 1e6 / Double(outcome.completed) : 0)
        } catch {
            echoes.forEach { $0.stop() }
            await server.stop()
            throw error
        }
    }

    static let service = Array("bench.echo".utf8)

    private func render(_ samples: [[[Sample]]], targets: [Target]) -> String {
        var lines: [String] = [""]
        for (w, workload) in Self.workloads.enumerated() {
            lines.append("workload \(workload.name): \(workload.clients) client(s) × \(workload.window) in flight, "
                         + "\(workload.workers) plain workers")
            lines.append(pad("path", 34) + pad("rt/s", 10) + pad("×raw", 8) + pad("p50 µs", 9) + pad("p99 µs", 9)
                         + "server CPU µs/rt")
            for (t, target) in targets.enumerated() {
                let rows = samples[w][t]
                let ratios = zip(rows, samples[w][0]).map { $0.outcome.roundTripsPerSecond / max($1.outcome.roundTripsPerSecond, 1) }
                var line = pad(target.name, 34)
                line += pad(String(format: "%.0f", BenchReport.median(rows.map(\.outcome.roundTripsPerSecond))), 10)
                line += pad(String(format: "%.3f", BenchReport.median(ratios)), 8)
                line += pad(String(format: "%.0f", BenchReport.median(rows.map(\.outcome.p50Micros))), 9)
                line += pad(String(format: "%.0f", BenchReport.median(rows.map(\.outcome.p99Micros))), 9)
                line += String(format: "%.1f", BenchReport.median(rows.map(\.cpuMicros)))
                let lost = rows.reduce(0) { $0 + $1.outcome.lost }
                if lost > 0 { line += "  (\(lost) lost)" }
                lines.append(line)
            }
            lines.append("")
        }
        lines.append("×raw is the median of per-round ratios; other figures are medians over \(options.rounds) rounds. "
                     + "Server CPU is user + system time of the server process, all threads, during the measured run.")
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
