import XungKich

/// The dispatcher's answer to `xk.status ID` (the body is the id as text): where the request is and its
/// history, without the citizen's personal data.
public struct StatusAnswer: Codable, Sendable, Hashable {
    public var id: RequestID
    public var ward: WardCode
    public var procedure: String
    public var field: String
    public var state: RequestState
    public var outcome: Outcome?
    /// Deliveries so far (a lost delivery counts).
    public var attempts: Int
    /// Waits for an operator (`xk attention`, `xk requeue`).
    public var needsAttention: Bool
    public var priority: Bool
    /// Seconds since 1970 (UTC).
    public var createdAt: Double
    public var history: [WireEvent]
    /// The unit the request was filed under, `CODE@YYYY-MM-DD`; `ward` is where it is routed now (they differ
    /// after a switch-over to new units). Absent from dispatchers before units were dated.
    public var unit: UnitKey?

    public init(id: RequestID, ward: WardCode, procedure: String, field: String, state: RequestState, outcome: Outcome?,
                attempts: Int, needsAttention: Bool, priority: Bool, createdAt: Double, history: [WireEvent],
                unit: UnitKey? = nil) {
        self.unit = unit
        self.id = id
        self.ward = ward
        self.procedure = procedure
        self.field = field
        self.state = state
        self.outcome = outcome
        self.attempts = attempts
        self.needsAttention = needsAttention
        self.priority = priority
        self.createdAt = createdAt
        self.history = history
    }
}
