import Foundation
import Yams

/// An item with its position in the file, so checks can still say `wards[3]` after an
/// earlier, unreadable item was dropped.
struct Indexed<Value> {
    let index: Int
    let value: Value
}

/// What could be read from a config before cross-checks. Unreadable items are left out
/// (their problems are already logged) so one typo does not hide every other mistake.
struct ConfigDraft {
    var district: District?
    /// The key the jurisdiction was written under: `jurisdiction` (a city or a district) or `district` (older files).
    var jurisdictionKey = "jurisdiction"
    /// Config files of earlier layouts, as written (relative to this file).
    var predecessors: [String] = []
    /// The folder of the wards' own rosters (`xk teams import`), relative to this file.
    var rosters: String?
    /// The crosswalk lines as read; ``ConfigValidator`` checks each `to` is a unit of this file.
    var successions: [Indexed<DraftSuccession>] = []
    var fields: [Indexed<Field>] = []
    var procedures: [Indexed<Procedure>] = []
    var wards: [Indexed<Ward>] = []
    var teams: [Indexed<Team>] = []
    /// Items under `wards:` whether readable or not; tells "no wards" from "bad wards".
    var wardItemCount = 0
    /// Whether the file has a `wards:` key at all; a missing one is reported by the reader.
    var hasWardsSection = false
}

/// A crosswalk line before its `to` code is matched with this file's unit.
struct DraftSuccession {
    var from: UnitKey
    var fromName: String
    var toCode: String
    var share: SuccessionShare
    var source: String
}

/// Turns a YAML tree into a ``ConfigDraft``, checking only that each value has the right
/// YAML type and format; whether values make sense is ``ConfigValidator``'s job.
struct ConfigReader {
    var log = ProblemLog()

    /// Sections every file has; the jurisdiction above the units is one more, under `jurisdiction` (or
    /// `district`, as files before the 2025 reorganisation call it).
    private static let requiredKeys = ["fields", "procedures", "wards", "teams"]
    private static let rootKeys = ["jurisdiction", "district"] + requiredKeys + ["predecessors", "successors", "rosters"]

    mutating func read(_ root: Node) -> ConfigDraft {
        var draft = ConfigDraft()
        log.note("", line: root.mark?.line)
        guard let top = entry(root, at: "", keys: Self.rootKeys) else { return draft }
        let required = ["jurisdiction"] + Self.requiredKeys
        for key in Self.requiredKeys where top.nodes[key] == nil {
            log.add(key, "section is missing; the file needs \(required.joined(separator: ", "))")
        }
        switch (top.nodes["jurisdiction"], top.nodes["district"]) {
        case (nil, nil):
            log.add("jurisdiction", "section is missing; the file needs \(required.joined(separator: ", "))")
        case (.some, .some):
            log.add("district", "is given as well as jurisdiction; keep one (jurisdiction: a city or a district)")
        case (let node?, nil):
            draft.district = district(node, at: "jurisdiction")
        case (nil, let node?):
            draft.jurisdictionKey = "district"
            draft.district = district(node, at: "district")
        }
        if let node = top.nodes["predecessors"], !isNull(node) {
            draft.predecessors = stringList(node, at: "predecessors") ?? []
        }
        draft.successions = list(top.nodes["successors"], at: "successors") { $0.succession($1, at: $2) }
        if let node = top.nodes["rosters"], !isNull(node) { draft.rosters = scalar(node, at: "rosters") }
        draft.fields = list(top.nodes["fields"], at: "fields") { $0.field($1, at: $2) }
        draft.procedures = list(top.nodes["procedures"], at: "procedures") { $0.procedure($1, at: $2) }
        draft.wards = list(top.nodes["wards"], at: "wards") { $0.ward($1, at: $2) }
        draft.wardItemCount = top.nodes["wards"]?.sequence?.count ?? 0
        draft.hasWardsSection = top.nodes["wards"] != nil
        draft.teams = list(top.nodes["teams"], at: "teams") { $0.team($1, at: $2) }
        return draft
    }

    // MARK: Items

    private mutating func district(_ node: Node, at path: String) -> District? {
        let keys = ["code", "name", "kind", "validFrom", "validTo"]
        guard let e = entry(node, at: path, keys: keys) else { return nil }
        let code = text(e, "code"), name = text(e, "name")
        let kind = choice(e, "kind", as: DistrictKind.self)
        let from = date(e, "validFrom"), to = optionalDate(e, "validTo")
        guard let code, let name, let kind, let from, !to.isInvalid else { return nil }
        return District(code: code, name: name, kind: kind, validFrom: from, validTo: to.value)
    }

    private mutating func field(_ node: Node, at path: String) -> Field? {
        guard let e = entry(node, at: path, keys: ["code", "name"]) else { return nil }
        guard let code = text(e, "code"), let name = text(e, "name") else { return nil }
        return Field(code: code, name: name)
    }

    private mutating func procedure(_ node: Node, at path: String) -> Procedure? {
        guard let e = entry(node, at: path, keys: ["code", "name", "field"]) else { return nil }
        let code = text(e, "code"), name = text(e, "name"), field = text(e, "field")
        guard let code, let name, let field else { return nil }
        return Procedure(code: code, name: name, fieldCode: field)
    }

    private mutating func ward(_ node: Node, at path: String) -> Ward? {
        let keys = ["code", "name", "kind", "validFrom", "validTo", "neighbours"]
        guard let e = entry(node, at: path, keys: keys) else { return nil }
        let code = text(e, "code"), name = text(e, "name")
        let kind = choice(e, "kind", as: UnitKind.self)
        let from = date(e, "validFrom"), to = optionalDate(e, "validTo")
        let neighbours = optionalTexts(e, "neighbours")
        guard let code, let name, let kind, let from, !to.isInvalid, !neighbours.isInvalid else {
            return nil
        }
        return Ward(code: code, name: name, kind: kind,
                    validFrom: from, validTo: to.value, neighbours: neighbours.value ?? [])
    }

    private mutating func team(_ node: Node, at path: String) -> Team? {
        let keys = ["id", "ward", "name", "members", "skills", "active", "formerly", "toBeConfirmed"]
        guard let e = entry(node, at: path, keys: keys) else { return nil }
        let id = text(e, "id"), ward = text(e, "ward"), name = text(e, "name")
        let members = number(e, "members"), skills = texts(e, "skills")
        let active = flag(e, "active")
        let formerly = value(e, "formerly", required: false).flatMap { scalar($0, at: join(e.path, "formerly")) }
        let toBeConfirmed = e.nodes["toBeConfirmed"] == nil ? false : flag(e, "toBeConfirmed")
        guard let id, let ward, let name, let members, let skills, let active, let toBeConfirmed else { return nil }
        var team = Team(id: id, wardCode: ward, name: name, members: members, skills: skills, active: active)
        team.formerID = formerly
        team.toBeConfirmed = toBeConfirmed
        return team
    }

    /// A roster file (`xk teams import`): `unit:` and `teams:`, each team as in a config.
    mutating func readRoster(_ root: Node) -> (unit: String?, teams: [Team]) {
        guard let top = entry(root, at: "", keys: ["unit", "teams"]) else { return (nil, []) }
        let unit = text(top, "unit")
        return (unit, list(top.nodes["teams"], at: "teams") { $0.team($1, at: $2) }.map(\.value))
    }

    private mutating func succession(_ node: Node, at path: String) -> DraftSuccession? {
        guard let e = entry(node, at: path, keys: ["from", "fromName", "to", "share", "source"]) else { return nil }
        let from = text(e, "from"), fromName = text(e, "fromName"), to = text(e, "to")
        let share = choice(e, "share", as: SuccessionShare.self), source = text(e, "source")
        guard let from, let fromName, let to, let share, let source else { return nil }
        guard let key = UnitKey(text: from) else {
            log.add(join(path, "from"), "\"\(from)\" is not a unit key like \"00259@2020-01-01\" (code @ first day of the unit)")
            return nil
        }
        return DraftSuccession(from: key, fromName: fromName, toCode: to, share: share, source: source)
    }

    // MARK: Structure

    /// An optional key's value. Absent is fine and unreadable is not, so the two are kept
    /// apart instead of both becoming `nil`.
    enum OptionalValue<T> {
        case absent, present(T), invalid

        var value: T? {
            if case .present(let value) = self { value } else { nil }
        }

        var isInvalid: Bool {
            if case .invalid = self { true } else { false }
        }
    }

    /// A mapping's values by key, with its path; unknown keys are reported, not ignored,
    /// because a misspelt optional key ("neighbors") would otherwise vanish silently.
    struct Entry {
        let nodes: [String: Node]
        let path: String
    }

    mutating func entry(_ node: Node, at path: String, keys: [String]) -> Entry? {
        log.note(path, line: node.mark?.line)
        guard let mapping = node.mapping else {
            log.add(path, "expected \"key: value\" pairs (\(keys.joined(separator: ", "))), found \(describe(node))")
            return nil
        }
        var nodes: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            let childPath = join(path, name)
            log.note(childPath, line: key.mark?.line ?? value.mark?.line)
            if keys.contains(name) {
                nodes[name] = value
            } else {
                log.add(childPath, "unknown key \"\(name)\"; expected one of: \(keys.joined(separator: ", "))")
            }
        }
        return Entry(nodes: nodes, path: path)
    }

    private mutating func list<T>(
        _ node: Node?, at path: String, item: (inout ConfigReader, Node, String) -> T?
    ) -> [Indexed<T>] {
        guard let node, !isNull(node) else { return [] }
        log.note(path, line: node.mark?.line)
        guard let sequence = node.sequence else {
            log.add(path, "expected a list of items, each starting with \"- \", found \(describe(node))")
            return []
        }
        var items: [Indexed<T>] = []
        for (index, child) in sequence.enumerated() {
            if let value = item(&self, child, "\(path)[\(index)]") {
                items.append(Indexed(index: index, value: value))
            }
        }
        return items
    }
}
