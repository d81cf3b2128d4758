import Foundation

/// A layout of the past, written from the same reference data (`xk units generate --period 2025-01-01..2025-06-30`):
/// Hai Bà Trưng's 15 wards (and Mê Linh's 17 units) between the arrangement of 2025-01-01 (1286/NQ-UBTVQH15) and
/// that of 2025-07-01. No units CSV lists them, but the crosswalk CSVs name each of them, with that `old_period`,
/// as the old side of its rows, so the units are read from there.
///
/// The crosswalk into this layout, from the units of the earlier period (2020–2024), follows SOURCES.md's `basis`:
/// - `inferred-continuation`: the unit continued in the GSO lists of the period; it goes whole into the unit of
///   this period with its name (and code, where both match; Bạch Mai kept its name, its code became 00292);
/// - `inferred-code-reuse`: it went whole into the unit of this period that carries its code (Quỳnh Lôi → Bạch Mai);
/// - `unresolved-1286` (no `new_code`): the sources name no successor; it is listed in a comment and requests
///   for it are refused. Nothing is guessed.
extension LayoutGenerator {
    /// The units of `period` (`YYYY-MM-DD..YYYY-MM-DD`): every `old_code`/`old_name` of the crosswalk rows of that
    /// period, in file order, valid from its first day to its last.
    func pastUnits(_ period: String, problems: inout [Problem]) -> [NewUnit] {
        let days = period.components(separatedBy: "..")
        guard days.count == 2, HanoiDate.startOfDay(days[0]) != nil, HanoiDate.startOfDay(days[1]) != nil, days[0] <= days[1] else {
            problems.append(Problem(file: "--period", line: 0, message: "\"\(period)\" is not YYYY-MM-DD..YYYY-MM-DD"))
            return []
        }
        var result: [NewUnit] = []
        var names: [String: String] = [:]
        for file in crosswalks {
            // Missing columns and unreadable rows are reported once, by pastLines.
            for row in CSVTable(text: file.text).rows where row["old_period"] == period {
                let code = row["old_code"], full = row["old_name"]
                if let known = names[code] {
                    if known != full {
                        problems.append(Problem(file: file.name, line: row.line,
                                                message: "old_code \(code) is named \"\(full)\" here and \"\(known)\" above"))
                    }
                    continue
                }
                guard CodeShape.isWardCode(code) else {
                    problems.append(Problem(file: file.name, line: row.line, message: "\"\(code)\" is not a 5-digit GSO code"))
                    continue
                }
                guard let kind = UnitKind.allCases.first(where: { full.hasPrefix($0.title + " ") }) else {
                    problems.append(Problem(file: file.name, line: row.line,
                                            message: "old_name \"\(full)\" does not start with Phường, Xã or Thị trấn"))
                    continue
                }
                names[code] = full
                result.append(NewUnit(code: code, name: String(full.dropFirst(kind.title.count + 1)), kind: kind,
                                      validFrom: days[0], validTo: days[1]))
            }
        }
        if result.isEmpty {
            problems.append(Problem(file: crosswalks.first?.name ?? "--crosswalk", line: 1,
                                    message: "no row has old_period \(period), so the period has no units"))
        }
        return result
    }

    /// The crosswalk from the units of earlier periods into `units` (this period's), by each row's `basis`; one
    /// line per earlier unit.
    func pastLines(_ period: String, units: [NewUnit], lines: inout [Line],
                   unresolved: inout [(key: UnitKey, name: String, note: String)], problems: inout [Problem]) {
        var done: Set<UnitKey> = []
        for file in crosswalks {
            let table = CSVTable(text: file.text)
            for m in table.missing(["old_code", "old_name", "old_period", "basis"]) {
                problems.append(Problem(file: file.name, line: 1, message: "column \(m) is missing"))
            }
            problems += table.unreadable.map { Problem(file: file.name, line: $0.line, message: $0.message) }
            for row in table.rows where row["old_period"] != period {
                guard let from = oldKey(code: row["old_code"], period: row["old_period"]) else {
                    problems.append(Problem(file: file.name, line: row.line,
                        message: "old_period \"\(row["old_period"])\" is neither YYYY-YYYY nor YYYY-MM-DD..YYYY-MM-DD"))
                    continue
                }
                guard done.insert(from).inserted else { continue }
                let full = row["old_name"], code = row["old_code"], basis = row["basis"]
                let target: NewUnit?
                switch basis {
                case "inferred-continuation":
                    let named = units.filter { "\($0.kind.title) \($0.name)" == full }
                    target = named.first { $0.code == code } ?? named.first
                case "inferred-code-reuse":
                    target = units.first { $0.code == code }
                case "unresolved-1286":
                    unresolved.append((from, full, basis))
                    continue
                default:
                    problems.append(Problem(file: file.name, line: row.line, message: "basis \"\(basis)\" does not say which unit of "
                        + "\(period) took \(full); expected inferred-continuation, inferred-code-reuse or unresolved-1286"))
                    continue
                }
                guard let target else {
                    problems.append(Problem(file: file.name, line: row.line,
                                            message: "\(full) (\(basis)) has no unit of \(period) to continue in"))
                    continue
                }
                let how = basis == "inferred-code-reuse" ? "its code" : "its name"
                lines.append(Line(from: from, fromName: full, to: target.code, share: .whole, detail: "whole",
                                  source: "GSO lists of \(period): \(how) continues (\(basis))"))
            }
        }
    }

    /// The header of a past layout's file.
    func pastHeader(_ period: String, count: Int) -> [String] {
        [
            "# \(jurisdiction.name) (GSO \(jurisdiction.code)): the \(count) commune-level units of \(period).",
            "# GENERATED; do not edit by hand. Made by: \(command)",
            "# Units: the rows of \(crosswalks.map(\.name).joined(separator: ", ")) with old_period \(period); "
                + "crosswalk from the earlier units by their basis (SOURCES.md).",
            "# A layout of the past: a request filed on one of its days keeps its unit, and ha-noi.yaml maps it on.",
        ]
    }
}
