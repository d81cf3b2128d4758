/// The little the system keeps about the person helped: a short name to greet them by, a
/// phone to call back, and an age band. Everything is optional: anonymous help is allowed.
///
/// Name and phone are personal data: they need ``Consent``, are masked in logs and output
/// (``PhoneMask``), and never reach events or statistics (``HelpRequest/redacted``).
public struct Citizen: Sendable, Hashable, Codable {
    /// A short form of address, e.g. "Bà Lan"; at most 40 characters.
    public var shortName: String?
    /// Vietnamese phone number; validation normalises it to digits only, e.g. "0912345678".
    public var phone: String?
    /// Age band instead of a birth date.
    public var ageBand: AgeBand?

    /// Creates a citizen record.
    public init(shortName: String? = nil, phone: String? = nil, ageBand: AgeBand? = nil) {
        self.shortName = shortName
        self.phone = phone
        self.ageBand = ageBand
    }

    /// Whether a name or phone is recorded, which is what makes consent necessary.
    public var hasPersonalData: Bool { shortName != nil || phone != nil }

    private enum CodingKeys: String, CodingKey {
        case shortName, phone, ageBand
    }

    /// Reads the fields, reporting every mistyped one and unknown age bands with the allowed values.
    public init(from decoder: any Decoder) throws {
        var reader = try FieldReader(decoder, keyedBy: CodingKeys.self)
        shortName = reader.optional(.shortName, as: String.self, expecting: "text")
        phone = reader.optional(.phone, as: String.self, expecting: "text, e.g. \"0912 345 678\"")
        ageBand = reader.optionalChoice(.ageBand, as: AgeBand.self, noun: "an age band")
        try reader.finish()
    }
}
