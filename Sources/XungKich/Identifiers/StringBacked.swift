/// A value that is a string on the wire but a type of its own in code: identifiers (``RequestID``,
/// ``WardCode``, ``TeamID``) and open vocabularies a newer peer may extend (event kinds, error codes), whose
/// unknown values are kept as they came rather than refused. Encoded as the bare string.
public protocol StringBacked: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension StringBacked {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// True for the empty string, which names nothing.
    public var isEmpty: Bool { rawValue.isEmpty }
}
