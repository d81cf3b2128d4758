/// A field of administrative procedures (lĩnh vực), e.g. Hộ tịch G15-TP07.
///
/// Kept as data in the district config, not an enum, because the national catalogue is
/// revised and its codes should be checked on the portal rather than compiled in.
public struct Field: Sendable, Hashable, Codable {
    /// National field code, e.g. "G15-TP07".
    public var code: String
    /// Vietnamese name, e.g. "Hộ tịch".
    public var name: String

    /// Creates a field.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
