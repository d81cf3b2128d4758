/// A ward's GSO code, five digits with their leading zeros, e.g. `00286` for Phường Bạch Mai.
public struct WardCode: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
