import XungKich

/// What a ward worker reports about a delivery: a PARTIAL body (`state`, a case update) or the FINAL body
/// (`outcome`, the resolution; or `declined`, the ward gave it back). Only non-personal details: the case's
/// note and the citizen stay at the ward.
///
/// `{"state": "ACCEPTED", "team": "HBT-BM-01", "update": 2}`,
/// `{"outcome": "SUBMITTED_FULL_ONLINE", "mode": "toan-trinh", "legacyLevel": 4, "dossiers": ["…"], "team": "…"}`,
/// `{"declined": true}`.
public struct WorkerReport: Codable, Sendable, Hashable {
    public var state: RequestState?
    public var outcome: Outcome?
    /// The ward gave the request back (every team declined it): the dispatcher dispatches it again.
    public var declined: Bool?
    /// The worker's number for this update (1, 2, …, its place in the case's history), so an update
    /// replayed after a restart is journaled once.
    public var update: Int?
    public var team: TeamID?
    public var waitReason: WaitReason?
    public var failureReason: FailureReason?
    public var mode: SubmissionMode?
    public var legacyLevel: Int?
    public var dossiers: [String]?
    public var portal: String?
    public var referredTo: ReferralTarget?
    /// When the team did it (seconds since 1970, the ward's clock): a step taken while the dispatcher was away
    /// is journaled at its own time, not when the dispatcher heard of it. Older workers leave it out.
    public var at: Double?
    /// The team member who took the step (their team-page login), when known.
    public var member: String?

    public init(state: RequestState? = nil, outcome: Outcome? = nil, declined: Bool? = nil, update: Int? = nil,
                team: TeamID? = nil, waitReason: WaitReason? = nil, failureReason: FailureReason? = nil,
                mode: SubmissionMode? = nil, legacyLevel: Int? = nil, dossiers: [String]? = nil,
                portal: String? = nil, referredTo: ReferralTarget? = nil, at: Double? = nil) {
        self.state = state
        self.outcome = outcome
        self.declined = declined
        self.update = update
        self.team = team
        self.waitReason = waitReason
        self.failureReason = failureReason
        self.mode = mode
        self.legacyLevel = legacyLevel
        self.dossiers = dossiers
        self.portal = portal
        self.referredTo = referredTo
        self.at = at
    }

    /// The FINAL that gives a request back to the dispatcher.
    public static let giveBack = WorkerReport(declined: true)

    /// States a PARTIAL may report (a resolution travels as the FINAL's outcome).
    public static let progressStates: Set<RequestState> = [.triaged, .assigned, .accepted, .inProgress, .waitingCitizen]

    public var json: [UInt8] { WireJSON.encode(self) }
}
