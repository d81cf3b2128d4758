import Foundation

/// Checks that a readable config makes sense: code shapes, uniqueness, and that every
/// reference (team → ward, skill → field, neighbour → ward) points at something that exists.
struct ConfigValidator {
    var log: ProblemLog
    let draft: ConfigDraft

    mutating func validate() {
        if let district = draft.district { check(district) }
        let fieldCodes = checkFields()
        checkProcedures(fieldCodes: fieldCodes)
        let wardsByCode = checkWards()
        checkTeams(wardsByCode: wardsByCode, fieldCodes: fieldCodes)
        checkSuccessions(wardsByCode: wardsByCode)
    }

    /// The unit above the communes: a district (3-digit code) in the older files, the city (2-digit province
    /// code) since 2025-07-01. Same rules for both; only the code's length says which.
    private mutating func check(_ district: District) {
        let key = draft.jurisdictionKey
        if !CodeShape.isJurisdictionCode(district.code) {
            log.add("\(key).code", "\(quoted(district.code)) is not a GSO code of a city or province (2 digits, e.g. \"01\") or of a district (3 digits, e.g. \"007\")")
        }
        requireName(district.name, at: "\(key).name")
        checkDates(from: district.validFrom, to: district.validTo, at: key)
    }

    private mutating func checkSuccessions(wardsByCode: [String: Ward]) {
        var seen: Set<String> = []
        for item in draft.successions {
            let path = "successors[\(item.index)]"
            let line = item.value
            if wardsByCode[line.toCode] == nil {
                log.add("\(path).to", "no unit with code \(quoted(line.toCode)) in this file; a successor is a unit of this layout")
            }
            if !seen.insert("\(line.from.text)>\(line.toCode)").inserted {
                log.add(path, "\(line.from.text) → \(line.toCode) is listed twice")
            }
        }
        // A unit that went wholly into one successor cannot also have gone (in part) into another.
        let byFrom = Dictionary(grouping: draft.successions, by: { $0.value.from })
        for (from, lines) in byFrom where lines.count > 1 && lines.contains(where: { $0.value.share == .whole }) {
            log.add("successors[\(lines[0].index)]", "\(from.text) is listed as going whole into one unit and also into others; mark it part everywhere")
        }
    }

    private mutating func checkFields() -> Set<String> {
        var seen: [String: Int] = [:]
        for item in draft.fields {
            let path = "fields[\(item.index)]"
            let field = item.value
            if !CodeShape.isFieldCode(field.code) {
                log.add("\(path).code", "\(quoted(field.code)) is not a field code like G15-TP07")
            }
            unique(field.code, at: path, list: "fields", seen: &seen)
            requireName(field.name, at: "\(path).name")
        }
        return Set(seen.keys)
    }

    private mutating func checkProcedures(fieldCodes: Set<String>) {
        var seen: [String: Int] = [:]
        for item in draft.procedures {
            let path = "procedures[\(item.index)]"
            let procedure = item.value
            if !CodeShape.isProcedureCode(procedure.code) {
                log.add("\(path).code", "\(quoted(procedure.code)) is not a procedure code like 1.001193")
            }
            unique(procedure.code, at: path, list: "procedures", seen: &seen)
            requireName(procedure.name, at: "\(path).name")
            if !fieldCodes.contains(procedure.fieldCode) {
                log.add("\(path).field", "\(quoted(procedure.fieldCode)) is not one of the codes in the fields section")
            }
        }
    }

    private mutating func checkWards() -> [String: Ward] {
        if draft.hasWardsSection && draft.wardItemCount == 0 {
            log.add("wards", "no wards are listed; a district needs at least one")
        }
        var seen: [String: Int] = [:]
        for item in draft.wards {
            let path = "wards[\(item.index)]"
            let ward = item.value
            if !CodeShape.isWardCode(ward.code) {
                log.add("\(path).code", "\(quoted(ward.code)) is not a 5-digit GSO code")
            }
            unique(ward.code, at: path, list: "wards", seen: &seen)
            requireName(ward.name, at: "\(path).name")
            checkDates(from: ward.validFrom, to: ward.validTo, at: path)
        }
        let byCode = Dictionary(draft.wards.map { ($0.value.code, $0.value) }, uniquingKeysWith: { first, _ in first })
        for item in draft.wards { checkNeighbours(of: item, byCode: byCode) }
        return byCode
    }

    private mutating func checkNeighbours(of item: Indexed<Ward>, byCode: [String: Ward]) {
        let ward = item.value
        var listed: Set<String> = []
        for (n, code) in ward.neighbours.enumerated() {
            let path = "wards[\(item.index)].neighbours[\(n)]"
            if code == ward.code {
                log.add(path, "\(quoted(code)) is this ward itself; a ward cannot be its own neighbour")
            } else if !listed.insert(code).inserted {
                log.add(path, "\(quoted(code)) is listed twice")
            } else if let other = byCode[code] {
                // Adjacency is mutual; a one-sided entry means one of the two lines is wrong.
                // A malformed own code is already reported and would only echo here.
                if CodeShape.isWardCode(ward.code), !other.neighbours.contains(ward.code) {
                    log.add(path, "\(code) (\(other.name)) does not list \(ward.code) (\(ward.name)) back; "
                        + "add \(ward.code) to \(other.name)'s neighbours or remove \(code) here")
                }
            } else {
                log.add(path, "no ward with code \(quoted(code)) in this file")
            }
        }
    }

    private mutating func checkTeams(wardsByCode: [String: Ward], fieldCodes: Set<String>) {
        var seen: [String: Int] = [:]
        for item in draft.teams {
            let path = "teams[\(item.index)]"
            let team = item.value
            if !CodeShape.isTeamID(team.id) {
                log.add("\(path).id", "\(quoted(team.id)) is not a team id like 00286-T03 (ward code, -T, team number)")
            } else if CodeShape.wardPrefix(ofTeamID: team.id) != team.wardCode {
                log.add("\(path).id", "\(quoted(team.id)) does not start with the team's ward code \(team.wardCode)")
            }
            unique(team.id, at: path, key: "id", list: "teams", seen: &seen)
            if wardsByCode[team.wardCode] == nil {
                log.add("\(path).ward", "no ward with code \(quoted(team.wardCode)) in this file")
            }
            requireName(team.name, at: "\(path).name")
            if team.members < 1 {
                log.add("\(path).members", "is \(team.members); a team needs at least 1 member")
            }
            checkSkills(of: team, at: path, fieldCodes: fieldCodes)
        }
    }

    private mutating func checkSkills(of team: Team, at path: String, fieldCodes: Set<String>) {
        if team.skills.isEmpty {
            log.add("\(path).skills", "is empty; list the field codes the team can help with")
        }
        var listed: Set<String> = []
        for (s, code) in team.skills.enumerated() {
            let skillPath = "\(path).skills[\(s)]"
            if !fieldCodes.contains(code) {
                log.add(skillPath, "\(quoted(code)) is not one of the codes in the fields section")
            } else if !listed.insert(code).inserted {
                log.add(skillPath, "\(quoted(code)) is listed twice")
            }
        }
    }

    // MARK: Shared checks

    private mutating func unique(
        _ code: String, at path: String, key: String = "code", list: String, seen: inout [String: Int]
    ) {
        if let first = seen[code] {
            log.add("\(path).\(key)", "\(quoted(code)) is used twice; \(list)[\(first)] already has it")
        } else if let index = Self.index(in: path) {
            seen[code] = index
        }
    }

    private mutating func requireName(_ name: String, at path: String) {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { log.add(path, "is empty") }
    }

    private mutating func checkDates(from: Date, to: Date?, at path: String) {
        guard let to, to < from else { return }
        log.add("\(path).validTo", "\(HanoiDate.isoDay(to)) is before validFrom \(HanoiDate.isoDay(from))")
    }

    private func quoted(_ s: String) -> String { "\"\(s)\"" }

    private static func index(in path: String) -> Int? {
        guard let open = path.lastIndex(of: "["), let close = path.lastIndex(of: "]") else { return nil }
        return Int(path[path.index(after: open)..<close])
    }
}
