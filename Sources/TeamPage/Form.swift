import Foundation

/// An `application/x-www-form-urlencoded` body, as the page's forms send it.
struct Form {
    private(set) var fields: [String: String] = [:]

    /// Most bytes a form may have: a note is at most 500 characters.
    static let maxBytes = 16 << 10

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
    }

    subscript(_ name: String) -> String? {
        fields[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
