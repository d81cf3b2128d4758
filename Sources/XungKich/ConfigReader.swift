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
    var fields: [Indexed<Field>] = []
    var procedures: [Indexed<Procedure>] = []
    var wards: [Indexed<Ward>] = []
    var teams: [Indexed<Team>] = []
    /// Items under `wards:` whether readable or not; tells "no wards" from "bad wards".
    var wardItemCount = 0
    /// Whether the file has a `wards:` key at all; a missing one is reported by the reader.
    var hasWardsSection = false
}

/// Turns a YAML tree into a ``ConfigDraft``, checking only that each value has the right
/// YAML type and format; whether values make sense is ``ConfigValidator``'s job.
struct ConfigReader {
    var log = ProblemLog()

    private static let rootKeys = ["district", "fields", "procedures", "wards", "teams"]

    mutating func read(_ root: Node) -> ConfigDraft {
        var draft = ConfigDraft()
        log.note("", line: root.mark?.line)
        guard let top = entry(root, at: "", keys: Self.rootKeys) else { return draft }
        for key in Self.rootKeys where top.nodes[key] == nil {
            log.add(key, "section is missing; the file needs \(Self.rootKeys.joined(separator: ", "))")
        }
        if let node = top.nodes["district"] { draft.district = district(node, at: "district") }
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
        let keys = ["id", "ward", "name", "members", "skills", "active"]
        guard let e = entry(node, at: path, keys: keys) else { return nil }
        let id = text(e, "id"), ward = text(e, "ward"), name = text(e, "name")
        let members = number(e, "members"), skills = texts(e, "skills")
        let active = flag(e, "active")
        guard let id, let ward, let name, let members, let skills, let active else { return nil }
        return Team(id: id, wardCode: ward, name: name, members: members,
                    skills: skills, active: active)
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
