import XungKich

/// A ward case as the control endpoint shows it to team members: the phone masked, the name as given.
public struct CaseSummary: Codable, Sendable, Hashable {
    public struct Citizen: Codable, Sendable, Hashable {
        public var name: String?
        /// Masked, e.g. `091****101`.
        public var phone: String?
        public var ageBand: AgeBand?

        public init(name: String?, phone: String?, ageBand: AgeBand?) {
            self.name = name
            self.phone = phone
            self.ageBand = ageBand
        }
    }

    public var id: RequestID
    public var state: RequestState
    public var procedure: String
    public var field: String
    /// Seconds since 1970 (UTC).
    public var createdAt: Double
    public var team: TeamID?
    public var waitReason: WaitReason?
    public var outcome: Outcome?
    public var citizen: Citizen?
    /// The procedure's deadline the citizen gave (YYYY-MM-DD), if any.
    public var deadline: String?
    /// Elderly or disabled: served first.
    public var priority: Bool?

    public init(id: RequestID, state: RequestState, procedure: String, field: String, createdAt: Double,
                team: TeamID? = nil, waitReason: WaitReason? = nil, outcome: Outcome? = nil, citizen: Citizen? = nil) {
        self.id = id
        self.state = state
        self.procedure = procedure
        self.field = field
        self.createdAt = createdAt
        self.team = team
        self.waitReason = waitReason
        self.outcome = outcome
        self.citizen = citizen
    }
}

/// The answer to `list`.
public struct CaseList: Codable, Sendable, Hashable {
    public var cases: [CaseSummary]
    public init(cases: [CaseSummary]) { self.cases = cases }
}

/// The answer to a step: the case after it.
public struct CaseAnswer: Codable, Sendable, Hashable {
    public var `case`: CaseSummary
    public init(case item: CaseSummary) { self.case = item }
}

/// The answer to `team`: the team and whether it now takes new cases.
public struct TeamAnswer: Codable, Sendable, Hashable {
    public var team: TeamID
    public var available: Bool
    public init(team: TeamID, available: Bool) {
        self.team = team
        self.available = available
    }
}
