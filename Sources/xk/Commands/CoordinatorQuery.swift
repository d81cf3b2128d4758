import Foundation
import MajordomoPeers
import XungKichWire
import ZeroMQ

/// Asks the coordinator's statistics endpoint one question (``StatsQueryMessage``); with keys, as a CURVE client
/// checking the coordinator's public key (`coordinator.pub`).
enum CoordinatorQuery {
    static func call<Answer: Decodable>(_ endpoint: String, _ query: StatsQueryMessage, as type: Answer.Type,
                                        curve: CurveClientKeys?) async throws -> Answer {
        let answer = try await RequestClient.call(endpoint, WireJSON.encode(query), curve: curve)
        return try CLIError.decode(Answer.self, from: answer, answering: "the coordinator at \(endpoint)")
    }
}
