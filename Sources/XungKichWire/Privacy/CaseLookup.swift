import XungKich

/// An `xk.case` query: one request as the dispatcher holds it, with the citizen's name, phone and note masked,
/// or (`reveal`) in full for the team the case is assigned to or an officer — every reveal audited.
/// `{"id": "007-0000042", "reveal": true, "team": "00286-T03"}`.
public struct CaseLookup: Codable, Sendable, Hashable {
    public var id: RequestID
    /// Ask for the full name, phone and note.
    public var reveal: Bool
    /// The team asking (a ward key reveals only for the team the case is assigned to now).
    public var team: TeamID?

    public init(id: RequestID, reveal: Bool = false, team: TeamID? = nil) {
        self.id = id
        self.reveal = reveal
        self.team = team
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(RequestID.self, forKey: .id)
        reveal = try container.decodeIfPresent(Bool.self, forKey: .reveal) ?? false
        team = try container.decodeIfPresent(TeamID.self, forKey: .team)
    }
}
