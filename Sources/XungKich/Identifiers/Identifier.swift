/// A name for one kind of thing — a request id, a ward code, a team id — typed so that one cannot be passed
/// where another is meant. Sorted and written in code like the string it is.
public protocol Identifier: StringBacked, Comparable, ExpressibleByStringLiteral {}

extension Identifier {
    public init(stringLiteral text: String) { self.init(rawValue: text) }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
