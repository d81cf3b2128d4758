import Foundation

/// The coordinator's query protocol: `{"by": "ward", "since": 1700000000, "until": …, "district": "007"}`
/// answered with `{"by": …, "rows": [StatsRow…]}` or `{"error": "…"}`.
enum StatsQuery {
    static func answer(_ body: [UInt8], core: CoordinatorCore) async -> [UInt8] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            return error("the query must be a JSON object")
        }
        let byName = object["by"] as? String ?? "ward"
        guard let by = StatsDimension(rawValue: byName) else {
            return error("unknown grouping \"\(byName)\"; use " + StatsDimension.allCases.map(\.rawValue).joined(separator: ", "))
        }
        do {
            let rows = try await core.stats(groupBy: by, since: (object["since"] as? NSNumber)?.doubleValue,
                                            until: (object["until"] as? NSNumber)?.doubleValue,
                                            district: object["district"] as? String)
            struct Answer: Encodable { var by: String; var rows: [StatsRow] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return [UInt8](try encoder.encode(Answer(by: byName, rows: rows)))
        } catch {
            return Self.error("the statistics store failed: \(error)")
        }
    }

    static func error(_ message: String) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: ["error": message])).map { [UInt8]($0) } ?? []
    }
}
