import Histogram
import ZeroMQ

/// One measured configuration: C clients × W requests in flight against one endpoint.
struct BenchScenario: Sendable {
    var name: String
    var clients: Int
    var window: Int
    var duration: Duration
    var bodySize: Int

    struct Outcome: Sendable {
        var name: String
        var roundTripsPerSecond: Double
        var p50Micros: Double
        var p99Micros: Double
        var lost: Int
        /// Round trips completed (answers received).
        var completed = 0
    }

    /// Runs the clients, each on its own OS thread, and merges what they saw.
    func run(endpoint: String, proto: BenchProtocol, context: ZMQContext, curve: CurveClientKeys? = nil) async throws -> Outcome {
        let client = BenchClient(endpoint: endpoint, proto: proto, window: window, duration: duration, bodySize: bodySize,
                                 curve: curve)
        let results = try await withThrowingTaskGroup(of: BenchClient.Result.self) { group in
            for index in 0..<clients {
                group.addTask {
                    try await SocketThread.run(name: "xk-bench-client-\(index)") {
                        Result { try client.run(context: context) }
                    }.get()
                }
            }
            var all: [BenchClient.Result] = []
            for try await result in group { all.append(result) }
            return all
        }
        var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        var completed = 0, lost = 0
        var elapsed = Duration.zero
        for result in results {
            latency.add(result.latency)
            completed += result.completed
            lost += result.lost
            elapsed = max(elapsed, result.elapsed)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Outcome(
            name: name,
            roundTripsPerSecond: seconds > 0 ? Double(completed) / seconds : 0,
            p50Micros: Double(latency.valueAtPercentile(50)) / 1000,
            p99Micros: Double(latency.valueAtPercentile(99)) / 1000,
            lost: lost,
            completed: completed
        )
    }
}
