import XungKichWire
import Foundation
import SwiftCSV

/// Reads a ward office's monthly official totals (`xk baseline import FILE.csv`).
///
/// Columns, by header name in any order: `ward`, `month` (YYYY-MM), `dossiers_resolved`, `online_dossiers`,
/// `full_process_dossiers`, `on_time_dossiers`, and optionally `district` (otherwise found from the ward
/// code in the configuration). One row per ward and month; blank lines are skipped. Every bad row is reported
/// with its line and nothing of a file with a bad row should be imported (the caller decides).
public enum BaselineCSV {
    /// A row that could not be read, with its line in the file.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    static let required = ["ward", "month", "dossiers_resolved", "online_dossiers", "full_process_dossiers",
                           "on_time_dossiers"]

    /// The rows of `text`, and the problems of the rows that could not be read. `districtOf` maps a ward code
    /// to its district code, nil for a ward no configuration knows.
    public static func parse(_ text: String, districtOf: (String) -> String?) -> (rows: [BaselineRow], problems: [Problem]) {
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            return ([], [Problem(line: 1, message: "the file is not CSV: \(error)")])
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            return ([], [Problem(line: 1, message: "the header lacks " + missing.joined(separator: ", ")
                                 + "; expected " + (["district"] + required).joined(separator: ","))])
        }
        var rows: [BaselineRow] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        // One record per line (the columns are codes and numbers: nothing to quote across lines).
        for (index, cells) in csv.rows.enumerated() {
            let line = index + 2
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var values: [String: String] = [:]
            for (column, name) in header.enumerated() where column < cells.count {
                values[name] = cells[column].trimmingCharacters(in: .whitespaces)
            }
            var messages: [String] = []
            func number(_ name: String) -> Int {
                guard let text = values[name], let value = Int(text) else {
                    messages.append("\(name) \"\(values[name] ?? "")\" is not a whole number")
                    return 0
                }
                return value
            }
            let ward = values["ward"] ?? ""
            let district = values["district"].flatMap { $0.isEmpty ? nil : $0 } ?? districtOf(ward)
            if district == nil { messages.append("ward \"\(ward)\" is in no district configuration given") }
            let row = BaselineRow(district: district ?? "", ward: ward, month: values["month"] ?? "",
                                  dossiersResolved: number("dossiers_resolved"), onlineDossiers: number("online_dossiers"),
                                  fullProcessDossiers: number("full_process_dossiers"),
                                  onTimeDossiers: number("on_time_dossiers"))
            if messages.isEmpty { messages += row.problems() }
            let key = row.district + "|" + row.ward + "|" + row.month
            if messages.isEmpty, let first = seen[key] {
                messages.append("ward \(ward) month \(row.month) already given on line \(first)")
            }
            if messages.isEmpty {
                seen[key] = line
                rows.append(row)
            } else {
                problems.append(Problem(line: line, message: messages.joined(separator: "; ")))
            }
        }
        return (rows, problems)
    }
}
