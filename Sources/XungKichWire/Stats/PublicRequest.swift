/// One request as the public may see it (the web's Open311 feed): where it is handled, what it is about and
/// how far it got. Never the citizen's name, phone, note or residential group: the coordinator does not know
/// them, and this type has no place for them.
public struct PublicRequest: Codable, Sendable, Equatable {
    public var id: String
    public var district: String
    public var ward: String
    public var procedure: String?
    public var field: String?
    public var helpType: String?
    /// The request's state in the domain's vocabulary (RESOLVED, IN_PROGRESS…).
    public var state: String?
    public var outcome: String?
    /// Still waiting for an outcome (the statistics' definition of open).
    public var open: Bool
    /// Seconds since 1970.
    public var receivedAt: Double
    /// The latest time the coordinator knows something happened to it (seconds since 1970).
    public var updatedAt: Double
    /// Seconds it spent waiting for the citizen (missing papers, no answer) in waits that have ended; nil from a
    /// coordinator older than this field.
    public var waitedSeconds: Double?
    /// Waiting for the citizen now, since then (seconds since 1970).
    public var waitingSince: Double?

    public init(id: String, district: String, ward: String, procedure: String?, field: String?, helpType: String?,
                state: String?, outcome: String?, open: Bool, receivedAt: Double, updatedAt: Double,
                waitedSeconds: Double? = nil, waitingSince: Double? = nil) {
        self.id = id
        self.district = district
        self.ward = ward
        self.procedure = procedure
        self.field = field
        self.helpType = helpType
        self.state = state
        self.outcome = outcome
        self.open = open
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
        self.waitedSeconds = waitedSeconds
        self.waitingSince = waitingSince
    }

    /// The seconds the request has been in the ward's hands by `now`: its age less the time spent waiting for
    /// the citizen. The SLA the statistics measure (`xk stats --view timeliness`, within the SLA) is on this
    /// active time, so an open request is past the SLA when this exceeds it.
    public func activeSeconds(at now: Double) -> Double {
        let waitingNow = waitingSince.map { max(0, now - $0) } ?? 0
        return max(0, now - receivedAt - (waitedSeconds ?? 0) - waitingNow)
    }
}

/// The answer to a `requests` report: newest first.
public struct PublicRequestList: Codable, Sendable, Equatable {
    public var requests: [PublicRequest]
    public init(requests: [PublicRequest]) { self.requests = requests }
}
