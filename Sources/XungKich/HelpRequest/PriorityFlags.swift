/// Why a request should go ahead of others. Every flag may be left out of the JSON body, and a
/// missing flag means "no" so that a minimal client need not know about priority at all.
public struct PriorityFlags: Sendable, Hashable, Codable {
    /// The citizen is elderly (60+), whatever age band was recorded.
    public var elderly: Bool
    /// The citizen has a disability.
    public var disability: Bool
    /// The citizen has no smartphone, so VNeID on their own device is not an option; teams
    /// plan a visit or a shared device. Recorded, but does not by itself raise priority.
    public var noSmartphone: Bool
    /// Hanoi calendar day (`YYYY-MM-DD`) by which the procedure must be filed, if any.
    public var deadline: String?

    /// Creates flags; all default to "not set".
    public init(elderly: Bool = false, disability: Bool = false, noSmartphone: Bool = false, deadline: String? = nil) {
        self.elderly = elderly
        self.disability = disability
        self.noSmartphone = noSmartphone
        self.deadline = deadline
    }

    private enum CodingKeys: String, CodingKey {
        case elderly, disability, noSmartphone, deadline
    }

    /// Reads the flags, defaulting missing ones, and reports every value of the wrong type.
    public init(from decoder: any Decoder) throws {
        var reader = try FieldReader(decoder, keyedBy: CodingKeys.self)
        elderly = reader.optional(.elderly, as: Bool.self, expecting: FieldReader<CodingKeys>.boolean) ?? false
        disability = reader.optional(.disability, as: Bool.self, expecting: FieldReader<CodingKeys>.boolean) ?? false
        noSmartphone = reader.optional(.noSmartphone, as: Bool.self, expecting: FieldReader<CodingKeys>.boolean) ?? false
        deadline = reader.optional(.deadline, as: String.self, expecting: "text, a day written YYYY-MM-DD")
        try reader.finish()
    }
}
