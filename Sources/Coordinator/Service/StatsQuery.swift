import Foundation

/// The coordinator's query protocol, one JSON object per request:
/// - `{"report": "stats", "by": "ward", "since": 1700000000, "until": …, "district": "007", "slaHours": 72,
///   "figures": ["timeliness", "reach"]}` (figures: what to compute beyond volume, rates and time to resolve;
///   all when absent)
///   (the default report) → `{"by": …, "rows": [StatsRow…], "backlog": {state: count}, "slaHours": …, "facts": n}`;
/// - `{"report": "contribution", "from": "2024-01", "to": "2024-03", "district": …}` → `{"rows": [ContributionRow…]}`;
/// - `{"report": "baseline-import", "rows": [BaselineRow…]}` → `{"imported": n}`;
/// - `{"report": "baseline"}` → `{"rows": [BaselineRow…]}`.
/// Anything wrong is answered with `{"error": "…"}`.
enum StatsQuery {
    static func answer(_ body: [UInt8], engine: StatsEngine) async -> [UInt8] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            return error("the query must be a JSON object")
        }
        switch object["report"] as? String ?? "stats" {
        case "stats": return await stats(object, engine: engine)
        case "contribution":
            guard let from = object["from"] as? String, let to = object["to"] as? String,
                  BaselineRow.isMonth(from), BaselineRow.isMonth(to), from <= to
            else { return error("a contribution report needs \"from\" and \"to\" months written YYYY-MM, from ≤ to") }
            let rows = await engine.contribution(firstMonth: from, lastMonth: to, district: object["district"] as? String)
            return encode(["rows": rows])
        case "baseline":
            return encode(["rows": await engine.baseline()])
        case "baseline-import":
            guard let list = object["rows"],
                  let data = try? JSONSerialization.data(withJSONObject: list),
                  let rows = try? JSONDecoder().decode([BaselineRow].self, from: data)
            else { return error("a baseline import needs \"rows\": a list of baseline rows") }
            let problems = rows.enumerated().flatMap { index, row in row.problems().map { "row \(index + 1): \($0)" } }
            guard problems.isEmpty else { return error(problems.joined(separator: "; ")) }
            do {
                try await engine.importBaseline(rows)
                return (try? JSONSerialization.data(withJSONObject: ["imported": rows.count])).map { [UInt8]($0) } ?? []
            } catch {
                return Self.error("the statistics store failed: \(error)")
            }
        case let other:
            return error("unknown report \"\(other)\"; use stats, contribution, baseline or baseline-import")
        }
    }

    private static func stats(_ object: [String: Any], engine: StatsEngine) async -> [UInt8] {
        let byName = object["by"] as? String ?? "ward"
        guard let by = StatsDimension(rawValue: byName) else {
            return error("unknown grouping \"\(byName)\"; use " + StatsDimension.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let slaHours = (object["slaHours"] as? NSNumber)?.doubleValue ?? StatsRequest.defaultSLASeconds / 3600
        guard slaHours > 0, slaHours.isFinite else { return error("slaHours must be a positive number of hours") }
        // Absent: everything. A view that shows less asks for less, which keeps big queries fast.
        var figures = StatsFigures.all
        if let names = object["figures"] as? [String] {
            figures = []
            for name in names {
                switch name {
                case "timeliness": figures.insert(.timeliness)
                case "reach": figures.insert(.reach)
                default: return error("unknown figures \"\(name)\"; use timeliness or reach")
                }
            }
        }
        let request = StatsRequest(groupBy: by, since: (object["since"] as? NSNumber)?.doubleValue,
                                   until: (object["until"] as? NSNumber)?.doubleValue,
                                   district: object["district"] as? String, slaSeconds: slaHours * 3600,
                                   figures: figures)
        let report = await engine.report(request)
        let facts = await engine.factCount
        struct Answer: Encodable {
            var by: String
            var rows: [StatsRow]
            var backlog: [String: Int]
            var slaHours: Double
            var facts: Int
        }
        return encode(Answer(by: byName, rows: report.rows, backlog: report.backlog, slaHours: slaHours, facts: facts))
    }

    private static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return [UInt8](try encoder.encode(value))
        } catch {
            return Self.error("could not encode the answer: \(error)")
        }
    }

    static func error(_ message: String) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: ["error": message])).map { [UInt8]($0) } ?? []
    }
}
