import Coordinator
import Foundation

extension StatsShow {
    /// The columns of an export, each a count (rates are exported as their numerator and denominator).
    static let exportColumns: [(name: String, value: @Sendable (StatsRow) -> Double?)] = [
        ("received", { Double($0.received) }), ("open", { Double($0.open) }), ("resolved", { Double($0.resolved) }),
        ("online_submissions", { Double($0.onlineSubmissions) }), ("full_process", { Double($0.fullProcess) }),
        ("partial_process", { Double($0.onlineSubmissions - $0.fullProcess) }),
        ("legacy_level_4", { Double($0.legacyLevel4) }), ("legacy_level_3", { Double($0.legacyLevel3) }),
        ("online_dossiers", { Double($0.onlineDossiers) }), ("failed", { Double($0.failed) }),
        ("aged_60_plus", { Double($0.aged60Plus) }), ("citizens", { Double($0.citizens) }),
        ("identified_requests", { Double($0.identifiedRequests) }),
        ("residential_groups", { Double($0.residentialGroups) }),
        ("median_seconds_to_assign", { $0.medianSecondsToAssign }), ("p90_seconds_to_assign", { $0.p90SecondsToAssign }),
        ("median_seconds_to_first_contact", { $0.medianSecondsToFirstContact }),
        ("p90_seconds_to_first_contact", { $0.p90SecondsToFirstContact }),
        ("median_seconds_to_resolve", { $0.medianSecondsToResolve }), ("p90_seconds_to_resolve", { $0.p90SecondsToResolve }),
        ("within_sla", { Double($0.withinSLA) }), ("sla_measured", { Double($0.slaMeasured) }),
        ("assignments", { Double($0.assignments) }), ("declines", { Double($0.declines) }),
        ("assigned", { Double($0.assigned) }), ("reassigned", { Double($0.reassigned) }),
    ]

    /// Columns that count citizens (or their requests): in an export, a value from 1 to 4 could point at a
    /// person, so it is suppressed (`<5` in CSV, null in JSON). Zero is kept: it identifies nobody.
    static let citizenCounts: Set<String> = [
        "received", "open", "resolved", "online_submissions", "full_process", "partial_process", "legacy_level_4",
        "legacy_level_3", "online_dossiers", "failed", "aged_60_plus", "citizens", "identified_requests",
        "within_sla", "sla_measured", "assignments", "declines", "assigned", "reassigned",
    ]

    static func isSmallCell(_ name: String, _ value: Double?) -> Bool {
        guard citizenCounts.contains(name), let value else { return false }
        return value > 0 && value < Double(minimumCell)
    }

    /// Every rate of a row with what it is made of.
    static func rates(_ row: StatsRow) -> [String: Rate] {
        ["conversion": row.conversion, "fullProcessShare": row.fullProcessShare,
         "legacyLevel4Share": row.legacyLevel4Share, "elderlyShare": row.elderlyShare,
         "slaAdherence": row.slaAdherence, "declineRate": row.declineRate, "reassignRate": row.reassignRate]
    }

    func exportJSON(_ rows: [StatsRow]) -> [String: Any] {
        let list: [[String: Any]] = rows.map { row in
            guard row.received >= Self.minimumCell else { return ["key": row.key ?? NSNull(), "suppressed": true] }
            var object: [String: Any] = ["key": row.key ?? NSNull()]
            var small: [String] = []
            for column in Self.exportColumns {
                let value = column.value(row)
                if Self.isSmallCell(column.name, value) {
                    small.append(column.name)
                    object[column.name] = NSNull()
                } else {
                    object[column.name] = value ?? NSNull()
                }
            }
            if !small.isEmpty { object["suppressedCells"] = small }
            // Kept under their API names too, which scripts that read earlier exports use.
            object["onlineSubmissions"] = object["online_submissions"]
            object["fullProcess"] = object["full_process"]
            object["rates"] = Self.rates(row).mapValues { rate -> [String: Any] in
                let hidden = (1..<Self.minimumCell).contains(rate.numerator) || (1..<Self.minimumCell).contains(rate.denominator)
                if hidden { return ["suppressed": true] }
                return ["numerator": rate.numerator, "denominator": rate.denominator, "value": rate.value ?? NSNull()]
            }
            return object
        }
        return ["by": by, "slaHours": slaHours, "rows": list, "note": suppressionNote]
    }

    func printCSV(_ rows: [StatsRow]) {
        print("# \(suppressionNote)")
        print(([by] + Self.exportColumns.map(\.name)).joined(separator: ","))
        for row in rows {
            let key = row.key.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" } ?? ""
            guard row.received >= Self.minimumCell else {
                print(key + ",suppressed" + String(repeating: ",", count: Self.exportColumns.count - 1))
                continue
            }
            let cells = Self.exportColumns.map { column -> String in
                guard let value = column.value(row) else { return "" }
                if Self.isSmallCell(column.name, value) { return "<5" }
                return value.rounded() == value ? String(Int(value)) : String(format: "%.3f", value)
            }
            print(([key] + cells).joined(separator: ","))
        }
    }
}
