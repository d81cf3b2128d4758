/// One journal event as a dispatcher publishes it (`--events`) and replays it (`xk.events`): sequence
/// number, request, ward, time, kind, state and non-personal details.
public struct CoordinatorEvent: Sendable, Equatable {
    public var district: String
    public var seq: Int64
    public var requestID: String
    public var ward: String
    /// Seconds since 1970.
    public var at: Double
    /// accepted, delivered, progress, resolved, redelivery, attention, requeued, cancelled, declined, overflow…
    public var kind: String
    public var state: String?
    /// String or number values from the event's detail (procedure, field, channel, ageBand, helpType,
    /// priority, outcome, failureReason, mode, legacyLevel, team, to, dossierCount).
    public var detail: [String: String]

    public init(district: String, seq: Int64, requestID: String, ward: String, at: Double, kind: String,
                state: String?, detail: [String: String]) {
        self.district = district
        self.seq = seq
        self.requestID = requestID
        self.ward = ward
        self.at = at
        self.kind = kind
        self.state = state
        self.detail = detail
    }
}
