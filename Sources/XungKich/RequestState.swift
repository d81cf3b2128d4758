/// Where a help request is in its life. Fixed vocabulary shared by every service and report.
///
/// NEW → TRIAGED → ASSIGNED → ACCEPTED → IN_PROGRESS ⇄ WAITING_CITIZEN → RESOLVED → CLOSED,
/// plus CANCELLED, decline (back to TRIAGED) and reopen (RESOLVED → IN_PROGRESS).
public enum RequestState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Received, not yet looked at.
    case new = "NEW"
    /// Field and ward known; ready to dispatch (also where a declined request returns).
    case triaged = "TRIAGED"
    /// Offered to a team, not yet accepted.
    case assigned = "ASSIGNED"
    /// A team took it.
    case accepted = "ACCEPTED"
    /// The team is working with the citizen.
    case inProgress = "IN_PROGRESS"
    /// Paused on the citizen (papers, VNeID at the police, reschedule); stops the resolution clock.
    case waitingCitizen = "WAITING_CITIZEN"
    /// Done, with an ``Outcome``; may still be reopened.
    case resolved = "RESOLVED"
    /// Final.
    case closed = "CLOSED"
    /// Withdrawn before resolution; final.
    case cancelled = "CANCELLED"

    /// States reachable in one step. Time limits (reopen within N days) are policy, checked
    /// by the caller, so they are not encoded here.
    public var successors: Set<RequestState> {
        switch self {
        case .new: [.triaged, .cancelled]
        case .triaged: [.assigned, .cancelled]
        case .assigned: [.accepted, .triaged, .cancelled]
        case .accepted: [.inProgress, .triaged, .cancelled]
        case .inProgress: [.waitingCitizen, .resolved, .cancelled]
        case .waitingCitizen: [.inProgress, .resolved, .cancelled]
        case .resolved: [.closed, .inProgress]
        case .closed, .cancelled: []
        }
    }

    /// Whether `next` is a legal single step from this state.
    public func canTransition(to next: RequestState) -> Bool {
        successors.contains(next)
    }

    /// No further transitions are possible.
    public var isTerminal: Bool { successors.isEmpty }

    /// Open311 status: everything before RESOLVED is "open", the rest "closed".
    public var open311Status: String {
        switch self {
        case .resolved, .closed, .cancelled: "closed"
        default: "open"
        }
    }
}
