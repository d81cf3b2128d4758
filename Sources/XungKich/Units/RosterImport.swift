import Foundation

/// A ward's own team roster, from the CSV file it maintains (`xk teams import UNIT FILE.csv`): checked row by
/// row against the config (every bad row reported by its line, nothing written while any is bad) and written as
/// a roster file the config loads with it (`rosters:`), replacing the teams the generated file gave the unit.
///
/// Columns: `name,members,skills` and optionally `active` (true/false, default true). `skills` lists field codes
/// separated by `;` or spaces, e.g. `G15-TP07;G01-CA05`. Teams are numbered `UNIT-T01`, `UNIT-T02`… in file order.
public struct RosterImport {
    /// A row that cannot become a team, with its file line.
    public struct Problem: Sendable, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public let unit: Ward
    public let teams: [Team]
    public let problems: [Problem]

    /// Reads `csv` for `unitCode` of `config`.
    public init(unitCode: String, csv: String, config: DistrictConfig) throws(RosterError) {
        guard let unit = config.ward(code: unitCode) else {
            throw .unknownUnit(unitCode, config.district.name, config.wards.prefix(3).map { "\($0.code) \($0.fullName)" })
        }
        self.unit = unit
        let table = CSVTable(text: csv)
        let missing = table.missing(["name", "members", "skills"])
        guard missing.isEmpty else { throw .missingColumns(missing, found: table.header) }
        var problems = table.unreadable.map { Problem(line: $0.line, message: $0.message) }
        var teams: [Team] = []
        let fields = Set(config.fields.map(\.code))
        for row in table.rows {
            var rowProblems: [String] = []
            let name = row["name"]
            if name.isEmpty { rowProblems.append("name is empty") }
            let members = Int(row["members"])
            if members == nil || members! < 1 {
                rowProblems.append("members \"\(row["members"])\" is not a whole number of at least 1")
            }
            let skills = row["skills"].split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
            if skills.isEmpty { rowProblems.append("skills is empty; list field codes such as G15-TP07;G01-CA05") }
            for skill in skills where !fields.contains(skill) {
                rowProblems.append("skill \"\(skill)\" is not a field of \(config.district.name) (\(config.fields.map(\.code).joined(separator: ", ")))")
            }
            var active = true
            switch row["active"].lowercased() {
            case "", "true", "yes": active = true
            case "false", "no": active = false
            default: rowProblems.append("active \"\(row["active"])\" is neither true nor false")
            }
            if !rowProblems.isEmpty {
                problems.append(Problem(line: row.line, message: rowProblems.joined(separator: "; ")))
                continue
            }
            let number = String(teams.count + 1).leftPadded(to: 2)
            teams.append(Team(id: "\(unit.code)-T\(number)", wardCode: unit.code, name: name, members: members ?? 1,
                              skills: skills, active: active))
        }
        if table.rows.isEmpty && problems.isEmpty { problems.append(Problem(line: 1, message: "the file lists no teams")) }
        self.teams = teams
        self.problems = problems.sorted { $0.line < $1.line }
    }

    /// The roster file's text (YAML), for `rosters:` of the config.
    public func yaml(source: String, day: String) -> String {
        var out = ["# Roster of \(unit.fullName) (\(unit.code)), imported by `xk teams import` from \(source) on \(day).",
                   "# It replaces the teams the config file gives this unit; import again to change it.",
                   "unit: \"\(unit.code)\"", "teams:"]
        for t in teams {
            let name = t.name.replacingOccurrences(of: "\"", with: "\\\"")
            out.append("  - {id: \(t.id), ward: \"\(t.wardCode)\", name: \"\(name)\", members: \(t.members), "
                + "skills: [\(t.skills.joined(separator: ", "))]\(t.active ? "" : ", active: false")}")
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Why a roster could not be read at all.
public enum RosterError: Error, Sendable, CustomStringConvertible {
    case unknownUnit(String, String, [String])
    case missingColumns([String], found: [String])

    public var description: String {
        switch self {
        case let .unknownUnit(code, jurisdiction, examples):
            "\(code) is not a unit of \(jurisdiction); give the 5-digit code of one of its units, e.g. \(examples.joined(separator: ", "))"
        case let .missingColumns(missing, found):
            "the header lacks \(missing.joined(separator: ", ")) (found: \(found.joined(separator: ","))); "
                + "the columns are name,members,skills and optionally active"
        }
    }
}
