import ArgumentParser
import Coordinator
import Foundation
import MajordomoPeers
import XungKich

/// `xk stats`: uptake statistics from the coordinator.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show uptake statistics: volume, online conversion, full-process share, time to resolve.",
        subcommands: [StatsShow.self, StatsVerifyCommand.self], defaultSubcommand: StatsShow.self)
}

/// `xk stats [show]`: the figures, grouped.
struct StatsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show uptake statistics (the default of `xk stats`).")

    @Option(help: "The coordinator's endpoint.") var coordinator = "tcp://127.0.0.1:5570"
    @Option(help: ArgumentHelp("Group by: " + StatsDimension.allCases.map(\.rawValue).joined(separator: ", ") + ".")) var by = "ward"
    @Option(help: "First Hanoi day, YYYY-MM-DD (by the day a request was received).") var since: String?
    @Option(help: "Last Hanoi day, YYYY-MM-DD, inclusive.") var until: String?
    @Option(help: "Only this district's requests (GSO code, e.g. 007).") var district: String?
    @Option(help: "table, csv or json. CSV and JSON leave the system: groups of fewer than 5 citizens are suppressed.")
    var format = "table"
    @Option(help: "District files whose ward names label the rows (default: config/*.yaml if present).") var config: [String] = []

    static let minimumCell = 5


    func validate() throws {
        guard StatsDimension(rawValue: by) != nil else { throw ValidationError("--by must be one of " + StatsDimension.allCases.map(\.rawValue).joined(separator: ", ")) }
        guard ["table", "csv", "json"].contains(format) else { throw ValidationError("--format must be table, csv or json") }
        for day in [since, until].compactMap({ $0 }) where HanoiDate.startOfDay(day) == nil {
            throw ValidationError("\(day) is not a day written YYYY-MM-DD")
        }
    }

    func run() throws {
        var query: [String: Any] = ["by": by]
        query["district"] = district
        query["since"] = since.flatMap(HanoiDate.startOfDay)?.timeIntervalSince1970
        query["until"] = until.flatMap(HanoiDate.startOfDay).map { $0.timeIntervalSince1970 + 86_400 }
        let answer = try RequestClient.call(coordinator, [UInt8](try JSONSerialization.data(withJSONObject: query)))
        guard let object = (try? JSONSerialization.jsonObject(with: Data(answer))) as? [String: Any] else {
            throw CLIError.unexpectedReply(service: "the coordinator")
        }
        if let message = object["error"] as? String { throw CLIError.refused(problems: [("", message)]) }
        let rows = object["rows"] as? [[String: Any]] ?? []
        switch format {
        case "json": printJSON(["by": by, "rows": rows.map(suppressed), "note": suppressionNote])
        case "csv": printCSV(rows)
        default: printTable(rows)
        }
    }

    private var suppressionNote: String {
        "groups with fewer than \(Self.minimumCell) citizens (received < \(Self.minimumCell)) are suppressed: only their key is shown"
    }

    private func count(_ row: [String: Any], _ key: String) -> Int { (row[key] as? NSNumber)?.intValue ?? 0 }

    /// A rate's numerator and denominator, as the coordinator defines them (`StatsRow`).
    private func rate(_ row: [String: Any], _ key: String) -> (Int, Int) {
        switch key {
        case "conversion": (count(row, "onlineSubmissions"), count(row, "resolved"))
        case "fullProcessShare": (count(row, "fullProcess"), count(row, "onlineSubmissions"))
        default: (count(row, "aged60Plus"), count(row, "received"))
        }
    }

    /// A row for export: below the minimum cell size only the key remains.
    private func suppressed(_ row: [String: Any]) -> [String: Any] {
        guard count(row, "received") < Self.minimumCell else { return row }
        return ["key": row["key"] ?? NSNull(), "suppressed": true]
    }

    private func label(_ key: Any?) -> String {
        guard let key = key as? String else { return "(none)" }
        if by == "ward", let name = wardNames[key] { return "\(key) \(name)" }
        return key
    }

    private var wardNames: [String: String] {
        let paths = config.isEmpty
            ? ((try? FileManager.default.contentsOfDirectory(atPath: "config")) ?? []).filter { $0.hasSuffix(".yaml") }.map { "config/\($0)" }
            : config
        var names: [String: String] = [:]
        for path in paths { for ward in (try? DistrictConfig.load(path: path))?.wards ?? [] { names[ward.code] = ward.name } }
        return names
    }

    private func percent(_ pair: (Int, Int)) -> String {
        pair.1 == 0 ? "–" : String(format: "%.1f%% (%d/%d)", Double(pair.0) * 100 / Double(pair.1), pair.0, pair.1)
    }

    private func printTable(_ rows: [[String: Any]]) {
        let header = [by, "received", "open", "resolved", "online", "conversion", "toàn trình share", "median h", "p90 h"]
        let body = rows.map { row -> [String] in
            let hours = { (key: String) in (row[key] as? NSNumber).map { String(format: "%.1f", $0.doubleValue / 3600) } ?? "–" }
            return [label(row["key"]), "\(count(row, "received"))", "\(count(row, "open"))", "\(count(row, "resolved"))",
                    "\(count(row, "onlineSubmissions"))", percent(rate(row, "conversion")),
                    percent(rate(row, "fullProcessShare")), hours("medianSecondsToResolve"), hours("p90SecondsToResolve")]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        for line in [header] + body {
            print(line.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  "))
        }
    }

    private func printCSV(_ rows: [[String: Any]]) {
        print("# \(suppressionNote)")
        print("\(by),received,open,resolved,online,conversion_numerator,conversion_denominator,full_process,full_process_denominator")
        for row in rows {
            let key = (row["key"] as? String).map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" } ?? ""
            if count(row, "received") < Self.minimumCell {
                print("\(key),suppressed,,,,,,,")
                continue
            }
            let conversion = rate(row, "conversion"), share = rate(row, "fullProcessShare")
            print("\(key),\(count(row, "received")),\(count(row, "open")),\(count(row, "resolved")),"
                  + "\(count(row, "onlineSubmissions")),\(conversion.0),\(conversion.1),\(share.0),\(share.1)")
        }
    }
}
