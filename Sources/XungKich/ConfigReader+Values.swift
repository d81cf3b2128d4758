import Foundation
import Yams

/// Typed readers for single values, each reporting a problem instead of failing silently.
extension ConfigReader {
    // MARK: Values

    /// The value node for `key`, or `nil` after reporting it missing when required.
    mutating func value(_ e: Entry, _ key: String, required: Bool) -> Node? {
        let path = join(e.path, key)
        guard let node = e.nodes[key], !isNull(node) else {
            if required {
                log.note(path, line: e.nodes[key]?.mark?.line ?? lineOf(e.path))
                log.add(path, "is missing; it is required")
            }
            return nil
        }
        log.note(path, line: node.mark?.line)
        return node
    }

    mutating func text(_ e: Entry, _ key: String) -> String? {
        guard let node = value(e, key, required: true) else { return nil }
        return scalar(node, at: join(e.path, key))
    }

    mutating func scalar(_ node: Node, at path: String) -> String? {
        guard let string = node.scalar?.string else {
            log.add(path, "expected a single value, found \(describe(node))")
            return nil
        }
        return string.trimmingCharacters(in: .whitespaces)
    }

    mutating func texts(_ e: Entry, _ key: String) -> [String]? {
        guard let node = value(e, key, required: true) else { return nil }
        return stringList(node, at: join(e.path, key))
    }

    mutating func optionalTexts(_ e: Entry, _ key: String) -> OptionalValue<[String]> {
        guard let node = value(e, key, required: false) else { return .absent }
        return stringList(node, at: join(e.path, key)).map { .present($0) } ?? .invalid
    }

    mutating func stringList(_ node: Node, at path: String) -> [String]? {
        guard let sequence = node.sequence else {
            log.add(path, "expected a list like [a, b], found \(describe(node))")
            return nil
        }
        var result: [String] = []
        for (index, child) in sequence.enumerated() {
            let childPath = "\(path)[\(index)]"
            log.note(childPath, line: child.mark?.line)
            guard let string = scalar(child, at: childPath) else { return nil }
            result.append(string)
        }
        return result
    }

    mutating func date(_ e: Entry, _ key: String) -> Date? {
        guard let node = value(e, key, required: true) else { return nil }
        return day(node, at: join(e.path, key))
    }

    mutating func optionalDate(_ e: Entry, _ key: String) -> OptionalValue<Date> {
        guard let node = value(e, key, required: false) else { return .absent }
        return day(node, at: join(e.path, key)).map { .present($0) } ?? .invalid
    }

    /// A `YYYY-MM-DD` day, read as text so YAML's own timestamp rules never apply.
    mutating func day(_ node: Node, at path: String) -> Date? {
        guard let string = scalar(node, at: path) else { return nil }
        guard let day = HanoiDate.startOfDay(string) else {
            log.add(path, "\"\(string)\" is not a date; write it as YYYY-MM-DD, e.g. 2020-01-01")
            return nil
        }
        return day
    }

    mutating func number(_ e: Entry, _ key: String) -> Int? {
        guard let node = value(e, key, required: true) else { return nil }
        let path = join(e.path, key)
        guard let string = scalar(node, at: path) else { return nil }
        guard let int = Int(string) else {
            log.add(path, "\"\(string)\" is not a whole number")
            return nil
        }
        return int
    }

    /// `active` defaults to true: a team listed in the file is working unless said otherwise.
    mutating func flag(_ e: Entry, _ key: String) -> Bool? {
        guard let node = value(e, key, required: false) else { return true }
        let path = join(e.path, key)
        guard let string = scalar(node, at: path) else { return nil }
        switch string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            log.add(path, "\"\(string)\" is not true or false")
            return nil
        }
    }

    mutating func choice<K: RawRepresentable & CaseIterable>(
        _ e: Entry, _ key: String, as type: K.Type
    ) -> K? where K.RawValue == String {
        guard let node = value(e, key, required: true) else { return nil }
        let path = join(e.path, key)
        guard let string = scalar(node, at: path) else { return nil }
        // Lower-casing forgives "Phường" at the start of a value; Swift's string equality
        // already treats composed and decomposed diacritics as the same text.
        guard let kind = K(rawValue: string.lowercased()) else {
            let options = K.allCases.map(\.rawValue).joined(separator: ", ")
            log.add(path, "\"\(string)\" is not a known kind; use one of: \(options)")
            return nil
        }
        return kind
    }

    // MARK: Helpers

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): "the value \"\(s.string)\""
        case .sequence: "a list"
        case .mapping: "\"key: value\" pairs"
        case .alias: "an alias"
        }
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func lineOf(_ path: String) -> Int? { log.line(of: path) }
}
