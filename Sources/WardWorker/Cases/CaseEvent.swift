import XungKich

/// One entry in a case's local history: what happened, when, and the state it left the case in.
///
/// History stays at the ward: notes may mention the citizen, so they are never sent to the dispatcher.
public struct CaseEvent: Sendable, Hashable, Codable {
    /// When it happened, in seconds since 1970 (the service's clock).
    public var at: Double
    /// What happened: `received`, `assigned`, or the command's name (``CaseCommand/name``),
    /// e.g. `accept`, `contact`, `wait`, `submit`, `decline`.
    public var kind: String
    /// The case's state after the event.
    public var state: RequestState
    /// The team concerned (assigned, accepting or declining), when there is one.
    public var team: TeamID?
    /// Free text kept locally: a contact note, a wait reason, a failure detail.
    public var note: String?
    /// The team member who took the step (their login on the team page, or `--member`), when known.
    public var member: String?

    /// Creates an event.
    public init(at: Double, kind: String, state: RequestState, team: TeamID? = nil, note: String? = nil) {
        self.at = at
        self.kind = kind
        self.state = state
        self.team = team
        self.note = note
    }
}
