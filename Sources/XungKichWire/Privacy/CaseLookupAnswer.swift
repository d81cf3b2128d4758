import XungKich

/// The answer to ``CaseLookup``: what the request says, personal fields masked unless revealed. `erased` says
/// the personal data is gone (retention or the citizen's request), so there is nothing to reveal.
public struct CaseLookupAnswer: Codable, Sendable, Hashable {
    public var id: RequestID
    public var ward: WardCode
    public var state: RequestState
    /// The team the case is assigned to now, as the ward last reported.
    public var team: TeamID?
    public var procedure: String
    public var helpType: HelpType
    public var residentialGroup: String?
    public var ageBand: AgeBand?
    /// The citizen's short name: in full when revealed, else its first letter and "…".
    public var name: String?
    /// The phone: in full when revealed, else masked (091****678).
    public var phone: String?
    /// The note: in full when revealed, else "(n characters)".
    public var note: String?
    public var revealed: Bool
    public var erased: Bool
    /// Deliveries to a ward so far (more than 1 after a lost worker or an overflow).
    public var attempts: Int?
    /// The procedure's deadline the citizen gave (YYYY-MM-DD).
    public var deadline: String?
    /// Elderly, disabled, or a deadline: served first.
    public var priority: Bool?
    /// The wards it was sent to, when not only its own (overflow to a neighbour).
    public var sentTo: [WardCode]?

    public init(id: RequestID, ward: WardCode, state: RequestState, team: TeamID?, procedure: String,
                helpType: HelpType, residentialGroup: String?, ageBand: AgeBand?, name: String?, phone: String?,
                note: String?, revealed: Bool, erased: Bool) {
        self.id = id
        self.ward = ward
        self.state = state
        self.team = team
        self.procedure = procedure
        self.helpType = helpType
        self.residentialGroup = residentialGroup
        self.ageBand = ageBand
        self.name = name
        self.phone = phone
        self.note = note
        self.revealed = revealed
        self.erased = erased
    }
}
