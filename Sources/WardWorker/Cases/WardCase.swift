import XungKich

/// One help request as the ward's worker tracks it, from assignment to a team until its outcome.
///
/// A value type: the service loads it from its store, calls ``apply(_:now:)`` with a team member's
/// command, saves the result and tells the dispatcher what ``CaseChange`` says. It holds no personal
/// data beyond free-text notes, which never leave the ward.
///
/// Life cycle: ASSIGNED → ACCEPTED → IN_PROGRESS ⇄ WAITING_CITIZEN → RESOLVED; a decline before
/// contact sends it to TRIAGED (no team) until ``assign(to:now:)`` or re-dispatch; a cancellation by the
/// district closes it as CANCELLED from any open state.
public struct WardCase: Sendable, Hashable, Codable {
    /// The dispatcher's request id, e.g. "007-0000042".
    public var id: RequestID
    /// GSO code of the ward, e.g. "00286".
    public var ward: WardCode
    /// Field code of the procedure, e.g. "G15-TP07"; decides which teams can take it.
    public var field: String
    /// Procedure code, e.g. "1.001193".
    public var procedure: String
    /// Id of the team the case is assigned to, e.g. "00286-T03"; nil after a decline.
    public var team: TeamID?
    /// Where the case is: ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_CITIZEN, RESOLVED (TRIAGED after a decline).
    public var state: RequestState
    /// While WAITING_CITIZEN: why (``WaitReason`` raw value, e.g. "missing_documents").
    public var waitReason: WaitReason?
    /// Once RESOLVED: how it ended.
    public var resolution: Resolution?
    /// Everything that happened, oldest first.
    public var history: [CaseEvent]
    /// When the ward received the case, in seconds since 1970.
    public var createdAt: Double
    /// The dispatcher's delivery attempt that brought it here (1, or more after a lost worker or an overflow);
    /// nil in stores of the previous release.
    public var attempt: Int?

    /// A case just received from the dispatcher: ASSIGNED to `team`, or TRIAGED when no team
    /// could take it yet.
    public init(id: RequestID, ward: WardCode, field: String, procedure: String, team: TeamID?, createdAt: Double) {
        self.id = id
        self.ward = ward
        self.field = field
        self.procedure = procedure
        self.team = team
        self.state = team == nil ? .triaged : .assigned
        self.waitReason = nil
        self.resolution = nil
        self.createdAt = createdAt
        self.history = [
            CaseEvent(at: createdAt, kind: team == nil ? "received" : "assigned", state: state, team: team)
        ]
    }

    /// Not yet resolved (nor cancelled by the district): counts towards its team's open cases.
    public var isOpen: Bool { state != .resolved && state != .cancelled }

    /// The district cancelled the request (``WardNotice``): the case is closed and takes no more steps.
    /// Returns false when it was already closed (resolved or cancelled), which changes nothing.
    public mutating func cancel(now: Double) -> Bool {
        guard isOpen else { return false }
        state = .cancelled
        waitReason = nil
        history.append(CaseEvent(at: now, kind: "cancelled", state: .cancelled, team: team))
        return true
    }

    /// Teams that declined this case, to leave out when reassigning it.
    public var declinedTeams: Set<TeamID> {
        Set(history.compactMap { $0.kind == "decline" ? $0.team : nil })
    }

    /// When the case was last assigned to a team (for fair assignment), nil if never.
    public var assignedAt: Double? {
        history.last { $0.kind == "assigned" }?.at
    }
}
