import Foundation
import MajordomoPeers
import XungKichWire

/// Asks the coordinator's statistics endpoint one question (``StatsQueryMessage``).
enum CoordinatorQuery {
    static func call<Answer: Decodable>(_ endpoint: String, _ query: StatsQueryMessage, as type: Answer.Type) async throws -> Answer {
        let answer = try await RequestClient.call(endpoint, WireJSON.encode(query))
        return try CLIError.decode(Answer.self, from: answer, answering: "the coordinator at \(endpoint)")
    }
}
