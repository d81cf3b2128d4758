import Foundation

/// Writes the config of a new layout (e.g. `config/ha-noi.yaml`, the 126 units of Hà Nội from 2025-07-01) from
/// the reference data, so no list is typed by hand (`xk units generate`, README "A ward office today"):
///
/// - the units from a CSV `code,name,kind,valid_from` (GSO list, e.g. units-2025.csv);
/// - the crosswalk from CSVs `old_code,old_name,new_code,new_name,share,old_period,detail,clause_1656,basis`
///   (which new unit took each old unit's territory, whole or part);
/// - the catalogue (fields, procedures) and the teams from the old layouts' configs, which become this file's
///   `predecessors`.
///
/// **The team rule.** A team of an old unit that went *whole* into one successor moves there. A team of a unit
/// that was *split* moves to the successor that kept the old unit's code when there is one (the GSO kept the
/// code for the unit holding the old seat), otherwise to the successor named for the old unit's remainder
/// ("phần còn lại"), otherwise to the first listed; such teams are marked `toBeConfirmed: true`, because the
/// resolution does not say which streets went where and the ward must confirm or move them. Teams of units
/// whose successor is not in the sources stay behind and are listed in a comment. A moved team gets an id of
/// its new unit (`NEWCODE-Tnn`, numbered in order) and keeps its old id under `formerly`.
public struct LayoutGenerator {
    public struct Jurisdiction: Sendable {
        public var code: String
        public var name: String
        public var kind: DistrictKind
        public init(code: String, name: String, kind: DistrictKind) {
            self.code = code
            self.name = name
            self.kind = kind
        }
    }

    /// A problem in the reference data, with its file and line.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public var jurisdiction: Jurisdiction
    /// Units CSV text and its name (for problems).
    public var units: (name: String, text: String)
    public var crosswalks: [(name: String, text: String)]
    /// The old layouts' configs and how the new file names them under `predecessors:`.
    public var predecessors: [(reference: String, config: DistrictConfig)]
    /// The command that made the file, written in its header.
    public var command: String
    /// The folder (next to the file) of the wards' own rosters, `xk teams import`.
    public var rosters: String? = nil
    /// A layout of the past to write instead (`--period 2025-01-01..2025-06-30`): its units are the crosswalk's old
    /// units of that period, read from its rows (see LayoutGenerator+Past.swift), not from a units CSV.
    public var period: String? = nil

    public init(jurisdiction: Jurisdiction, units: (name: String, text: String), crosswalks: [(name: String, text: String)],
                predecessors: [(reference: String, config: DistrictConfig)], command: String) {
        self.jurisdiction = jurisdiction
        self.units = units
        self.crosswalks = crosswalks
        self.predecessors = predecessors
        self.command = command
    }

    struct NewUnit {
        var code: String
        var name: String
        var kind: UnitKind
        var validFrom: String
        var validTo: String? = nil
    }

    struct Line {
        var from: UnitKey
        var fromName: String
        var to: String
        var share: SuccessionShare
        var detail: String
        var source: String
    }

    /// The YAML text, or every problem found in the data.
    public func generate() throws(GeneratorError) -> String {
        var problems: [Problem] = []
        let newUnits = period.map { pastUnits($0, problems: &problems) } ?? readUnits(&problems)
        let byCode = Dictionary(newUnits.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [Line] = []
        var unresolved: [(key: UnitKey, name: String, note: String)] = []
        if let period {
            pastLines(period, units: newUnits, lines: &lines, unresolved: &unresolved, problems: &problems)
        } else {
            for file in crosswalks {
                readCrosswalk(file, newUnits: byCode, lines: &lines, unresolved: &unresolved, problems: &problems)
            }
        }
        guard problems.isEmpty, let validFrom = newUnits.map(\.validFrom).min() else {
            if newUnits.isEmpty && period == nil { problems.append(Problem(file: units.name, line: 1, message: "no units")) }
            throw GeneratorError(problems: problems)
        }
        guard let catalogue = predecessors.first?.config else {
            throw GeneratorError(problems: [Problem(file: command, line: 0, message: "give at least one old layout (--from) for the catalogue")])
        }
        let validTo = newUnits.compactMap(\.validTo).max()
        var out: [String] = []
        if let period {
            out += pastHeader(period, count: newUnits.count)
        } else {
            out.append("# \(jurisdiction.name) (GSO \(jurisdiction.code)): the \(newUnits.count) commune-level units from \(validFrom).")
            out.append("# GENERATED; do not edit by hand. Made by: \(command)")
            out.append("# Units: \(units.name). Crosswalk: \(crosswalks.map(\.name).joined(separator: ", ")).")
            out.append("# Teams moved from the predecessors by the rule in README \"Hà Nội since 2025-07-01\": whole units move all their")
            out.append("# teams; teams of split units go to the successor that kept the old code, else the remainder's, and are")
            out.append("# marked toBeConfirmed. Other units start with no teams: `xk teams import UNIT FILE.csv` adds a ward's roster.")
        }
        out.append("")
        out.append("jurisdiction: {code: \(q(jurisdiction.code)), name: \(q(jurisdiction.name)), kind: \(jurisdiction.kind.rawValue), "
                   + "validFrom: \(validFrom)\(validTo.map { ", validTo: \($0)" } ?? "")}")
        out.append("")
        out.append("# Earlier layouts, loaded with this file so their requests and statistics keep their units.")
        out.append("predecessors: [\(predecessors.map { q($0.reference) }.joined(separator: ", "))]")
        out.append("")
        if let rosters {
            out.append("# Rosters a ward imported (xk teams import UNIT FILE.csv) replace the teams below for that unit.")
            out.append("rosters: \(q(rosters))")
            out.append("")
        }
        out.append("fields:")
        for f in catalogue.fields { out.append("  - {code: \(f.code), name: \(q(f.name))}") }
        out.append("")
        out.append("procedures:")
        for p in catalogue.procedures { out.append("  - {code: \(q(p.code)), name: \(q(p.name)), field: \(p.fieldCode)}") }
        out.append("")
        out.append("# Neighbours are left out: the sources give no adjacency for the new units.")
        out.append("wards:")
        for u in newUnits {
            out.append("  - {code: \(q(u.code)), name: \(q(u.name)), kind: \(u.kind.rawValue), validFrom: \(u.validFrom)"
                       + "\(u.validTo.map { ", validTo: \($0)" } ?? "")}")
        }
        out.append("")
        out.append("# Crosswalk: which unit of this layout took each earlier unit's territory (whole or part).")
        for u in unresolved {
            out.append("# no successor in the sources for \(u.key.text) \(u.name) (\(u.note)); requests for it are refused")
        }
        out.append("successors:")
        for l in lines {
            out.append("  - {from: \(q(l.from.text)), fromName: \(q(l.fromName)), to: \(q(l.to)), share: \(l.share.rawValue), source: \(q(l.source))}")
        }
        out.append("")
        if period != nil {
            out.append("# None: in this period the wards' teams served under the earlier file, and ha-noi.yaml moves them on.")
            out.append("teams: []")
        } else {
            out += teams(lines: lines, newUnits: byCode)
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func teams(lines: [Line], newUnits: [String: NewUnit]) -> [String] {
        var out = ["teams:"]
        var numbers: [String: Int] = [:]
        var left: [String] = []
        var moved: [(to: String, text: String)] = []
        for (_, config) in predecessors {
            for team in config.teams {
                guard let unit = config.ward(code: team.wardCode) else { continue }
                let key = unit.key
                let mine = lines.filter { $0.from == key }
                guard !mine.isEmpty else {
                    left.append("\(team.id) (\(unit.fullName))")
                    continue
                }
                let whole = mine.count == 1 && mine[0].share == .whole
                let target = whole ? mine[0]
                    : (mine.first { $0.to == unit.code } ?? mine.first { $0.detail == "remainder" } ?? mine[0])
                numbers[target.to, default: 0] += 1
                let id = "\(target.to)-T\(String(numbers[target.to] ?? 1).leftPadded(to: 2))"
                var item = "{id: \(id), ward: \(q(target.to)), name: \(q(team.name)), members: \(team.members), "
                    + "skills: [\(team.skills.joined(separator: ", "))], formerly: \(team.id)"
                if !team.active { item += ", active: false" }
                if !whole { item += ", toBeConfirmed: true" }
                moved.append((target.to, "  - \(item)}"))
            }
        }
        // Grouped by new unit in the units file's order, so a ward finds its teams together.
        let order = Dictionary(units.text.split(separator: "\n").enumerated().compactMap { i, l in
            l.split(separator: ",").first.map { (String($0), i) } }, uniquingKeysWith: { a, _ in a })
        for group in Dictionary(grouping: moved, by: \.to).sorted(by: { (order[$0.key] ?? 0) < (order[$1.key] ?? 0) }) {
            out.append("  # \(newUnits[group.key].map { "\($0.kind.title) \($0.name)" } ?? group.key)")
            out += group.value.map(\.text)
        }
        for l in left { out.append("  # not moved: \(l): its unit's successor is not in the sources") }
        if moved.isEmpty { out[0] = "teams: []" }
        return out
    }

    private func readUnits(_ problems: inout [Problem]) -> [NewUnit] {
        let table = CSVTable(text: units.text)
        for m in table.missing(["code", "name", "kind", "valid_from"]) {
            problems.append(Problem(file: units.name, line: 1, message: "column \(m) is missing"))
        }
        problems += table.unreadable.map { Problem(file: units.name, line: $0.line, message: $0.message) }
        var seen: Set<String> = []
        var result: [NewUnit] = []
        for row in table.rows {
            let code = row["code"], full = row["name"], day = row["valid_from"]
            guard CodeShape.isWardCode(code) else {
                problems.append(Problem(file: units.name, line: row.line, message: "\"\(code)\" is not a 5-digit GSO code"))
                continue
            }
            guard let kind = UnitKind(rawValue: row["kind"]) else {
                problems.append(Problem(file: units.name, line: row.line, message: "kind \"\(row["kind"])\" is not phường, xã or thị trấn"))
                continue
            }
            guard HanoiDate.startOfDay(day) != nil else {
                problems.append(Problem(file: units.name, line: row.line, message: "valid_from \"\(day)\" is not YYYY-MM-DD"))
                continue
            }
            guard seen.insert(code).inserted else {
                problems.append(Problem(file: units.name, line: row.line, message: "code \(code) is listed twice"))
                continue
            }
            let prefix = kind.title + " "
            let name = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
            result.append(NewUnit(code: code, name: name, kind: kind, validFrom: day))
        }
        return result
    }

    private func readCrosswalk(_ file: (name: String, text: String), newUnits: [String: NewUnit], lines: inout [Line],
                               unresolved: inout [(key: UnitKey, name: String, note: String)], problems: inout [Problem]) {
        let table = CSVTable(text: file.text)
        for m in table.missing(["old_code", "old_name", "new_code", "share", "old_period"]) {
            problems.append(Problem(file: file.name, line: 1, message: "column \(m) is missing"))
        }
        problems += table.unreadable.map { Problem(file: file.name, line: $0.line, message: $0.message) }
        for row in table.rows {
            guard let from = oldKey(code: row["old_code"], period: row["old_period"]) else {
                problems.append(Problem(file: file.name, line: row.line,
                    message: "old_period \"\(row["old_period"])\" is neither YYYY-YYYY nor YYYY-MM-DD..YYYY-MM-DD"))
                continue
            }
            let to = row["new_code"]
            if to.isEmpty {
                unresolved.append((from, row["old_name"], row["basis"].isEmpty ? "no successor given" : row["basis"]))
                continue
            }
            guard newUnits[to] != nil else {
                problems.append(Problem(file: file.name, line: row.line, message: "new_code \(to) is not in \(units.name)"))
                continue
            }
            guard let share = SuccessionShare(rawValue: row["share"]) else {
                problems.append(Problem(file: file.name, line: row.line, message: "share \"\(row["share"])\" is neither whole nor part"))
                continue
            }
            let clause = row["clause_1656"].isEmpty ? "" : " Điều 1 khoản \(row["clause_1656"])"
            let basis = row["basis"].isEmpty ? "" : " (\(row["basis"]))"
            lines.append(Line(from: from, fromName: row["old_name"], to: to, share: share, detail: row["detail"],
                              source: "1656/NQ-UBTVQH15\(clause)\(basis)"))
        }
    }

    /// The key of the old unit a crosswalk row speaks of: for a period of whole years ("2020-2024"), the unit
    /// with that code in force on its last day in the old configs (so the key matches theirs); for a range of
    /// days, its first day.
    func oldKey(code: String, period: String) -> UnitKey? {
        if period.contains("..") {
            let start = String(period.split(separator: ".").first ?? "")
            return HanoiDate.startOfDay(start) == nil ? nil : UnitKey(code: code, validFrom: start)
        }
        let years = period.split(separator: "-")
        guard years.count == 2, let first = Int(years[0]), let last = HanoiDate.startOfDay("\(years[1])-12-31") else { return nil }
        for (_, config) in predecessors {
            if let unit = config.allUnits.first(where: { $0.code == code && $0.isValid(on: last) }) { return unit.key }
        }
        return UnitKey(code: code, validFrom: "\(first)-01-01")
    }

    func q(_ s: String) -> String { "\"\(s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
}

/// Every problem ``LayoutGenerator`` found in the reference data.
public struct GeneratorError: Error, Sendable, CustomStringConvertible {
    public var problems: [LayoutGenerator.Problem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
