/// A citizen's request for help, as a client sends it to the dispatcher's `xk.submit` service.
///
/// This is the JSON body documented in docs/help-request.md, and nothing more: the dispatcher
/// assigns the id, state and priority rank. Decode untrusted bytes with ``decode(json:)``, which
/// reports every type problem with its field path, then call
/// ``validated(against:residentialGroupWard:)`` to check it against the district's catalogue.
public struct HelpRequest: Sendable, Hashable, Codable {
    /// GSO code of the ward (5 digits, e.g. "00286"). May be left out when
    /// ``residentialGroup`` is given and the caller can place the group in a ward.
    public var ward: String?
    /// Tổ dân phố, e.g. "TDP 5"; only unique inside a ward.
    public var residentialGroup: String?
    /// National procedure code, e.g. "1.001193".
    public var procedure: String
    /// Field code, e.g. "G15-TP07"; derived from the procedure when left out.
    public var field: String?
    /// What the citizen needs.
    public var helpType: HelpType
    /// How the request reached the ward.
    public var channel: Channel
    /// Reasons to go first; all off by default.
    public var priority: PriorityFlags
    /// Who to help; `nil` for anonymous help.
    public var citizen: Citizen?
    /// Required as soon as a name or phone is given.
    public var consent: Consent?
    /// Free text for the team, at most 500 characters; never passwords or OTP codes.
    public var note: String?
    /// Hanoi calendar day (`YYYY-MM-DD`) the citizen asked, for requests written down and entered later;
    /// today when left out. It picks which unit ``ward`` means, since the GSO reused codes for new units.
    public var filedOn: String?
    /// Client-chosen key: submitting the same key again returns the first request's id and
    /// creates nothing, so a client can retry safely after a timeout.
    public var idempotencyKey: String?

    /// Creates a request; nothing is checked until ``validated(against:residentialGroupWard:)``.
    public init(
        ward: String? = nil, residentialGroup: String? = nil,
        procedure: String, field: String? = nil,
        helpType: HelpType, channel: Channel,
        priority: PriorityFlags = PriorityFlags(),
        citizen: Citizen? = nil, consent: Consent? = nil,
        note: String? = nil, idempotencyKey: String? = nil, filedOn: String? = nil
    ) {
        self.filedOn = filedOn
        self.ward = ward
        self.residentialGroup = residentialGroup
        self.procedure = procedure
        self.field = field
        self.helpType = helpType
        self.channel = channel
        self.priority = priority
        self.citizen = citizen
        self.consent = consent
        self.note = note
        self.idempotencyKey = idempotencyKey
    }

    /// Whether the request is flagged for the priority queue: elderly, disability, a deadline,
    /// or an age band of 60 or more. "No smartphone" alone changes how, not how soon.
    public var isPriority: Bool {
        priority.elderly || priority.disability || priority.deadline != nil
            || citizen?.ageBand?.isSixtyOrOver == true
    }

    /// A copy fit for events and statistics: name and phone removed, and with them the note
    /// and idempotency key. Notes are free text that may name or locate the citizen, and a key
    /// derived from a CSV row (``HelpRequestCSV``) hashes the phone, which a 64-bit hash does
    /// not hide from someone willing to try every number. The age band, ward and residential
    /// group stay: reach statistics need them and they do not identify a person on their own.
    public var redacted: HelpRequest {
        var copy = self
        if let ageBand = citizen?.ageBand {
            copy.citizen = Citizen(ageBand: ageBand)
        } else {
            copy.citizen = nil
        }
        copy.note = nil
        copy.idempotencyKey = nil
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case ward, residentialGroup, procedure, field, helpType, channel
        case priority, citizen, consent, note, idempotencyKey, filedOn
    }

    /// Reads a body, collecting every missing or mistyped value into one ``HelpRequestError``.
    /// Unknown keys are ignored so older dispatchers accept bodies from newer clients.
    public init(from decoder: any Decoder) throws {
        var reader = try FieldReader(decoder, keyedBy: CodingKeys.self)
        ward = reader.optional(.ward, as: String.self, expecting: "text, the 5-digit GSO code in quotes, e.g. \"00286\"")
        residentialGroup = reader.optional(.residentialGroup, as: String.self, expecting: "text, e.g. \"TDP 5\"")
        let procedure = reader.required(.procedure, as: String.self, expecting: "text, the national code, e.g. \"1.001193\"")
        field = reader.optional(.field, as: String.self, expecting: "text, e.g. \"G15-TP07\"")
        let helpType = reader.requiredChoice(.helpType, as: HelpType.self, noun: "a help type")
        let channel = reader.requiredChoice(.channel, as: Channel.self, noun: "a channel")
        priority = reader.optional(.priority, as: PriorityFlags.self, expecting: "an object, e.g. {\"elderly\": true}") ?? PriorityFlags()
        citizen = reader.optional(.citizen, as: Citizen.self, expecting: "an object, e.g. {\"shortName\": \"Bà Lan\"}")
        consent = reader.optional(.consent, as: Consent.self, expecting: "an object, e.g. {\"given\": true, \"textVersion\": \"XK-HBT-2024-01\"}")
        note = reader.optional(.note, as: String.self, expecting: "text")
        idempotencyKey = reader.optional(.idempotencyKey, as: String.self, expecting: "text")
        filedOn = reader.optional(.filedOn, as: String.self, expecting: "text, a day as YYYY-MM-DD, e.g. \"2026-01-10\"")
        try reader.finish()
        guard let procedure, let helpType, let channel else {
            // finish() has thrown already when any of these is missing; this keeps the
            // compiler satisfied without a force-unwrap.
            throw HelpRequestError(field: "", message: "the request is incomplete")
        }
        self.procedure = procedure
        self.helpType = helpType
        self.channel = channel
    }
}
