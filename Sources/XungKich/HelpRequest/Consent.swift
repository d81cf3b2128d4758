/// The citizen's consent to keep their name and phone for this request.
///
/// Decree 13/2023/NĐ-CP (and from 2026 Law 91/2025/QH15): consent must be explicit and for a
/// stated purpose; silence is not consent. The version says which consent text was read out,
/// so the purpose can be shown later if the citizen asks.
public struct Consent: Sendable, Hashable, Codable {
    /// Whether the citizen said yes.
    public var given: Bool
    /// Version label of the consent text read or shown to the citizen, e.g. "XK-HBT-2024-01".
    public var textVersion: String

    /// Creates a consent record.
    public init(given: Bool, textVersion: String) {
        self.given = given
        self.textVersion = textVersion
    }

    private enum CodingKeys: String, CodingKey {
        case given, textVersion
    }

    /// Reads both keys, reporting every missing or mistyped one.
    public init(from decoder: any Decoder) throws {
        var reader = try FieldReader(decoder, keyedBy: CodingKeys.self)
        let given = reader.required(.given, as: Bool.self, expecting: FieldReader<CodingKeys>.boolean)
        let textVersion = reader.required(.textVersion, as: String.self, expecting: "text, the version of the consent text")
        try reader.finish()
        self.given = given ?? false
        self.textVersion = textVersion ?? ""
    }
}
