import Foundation
import MajordomoPeers

/// Asks the coordinator's statistics endpoint one JSON question (see the Coordinator's StatsQuery).
enum CoordinatorQuery {
    static func call<Answer: Decodable>(_ endpoint: String, _ query: [String: Any], as type: Answer.Type) throws -> Answer {
        let answer = try RequestClient.call(endpoint, [UInt8](try JSONSerialization.data(withJSONObject: query)))
        if let object = (try? JSONSerialization.jsonObject(with: Data(answer))) as? [String: Any],
           let message = object["error"] as? String {
            throw CLIError.refused(problems: [("", message)])
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(answer))
        } catch {
            throw CLIError.unexpectedReply(service: "the coordinator at \(endpoint)")
        }
    }
}
