import XungKich

/// Everything the coordinator keeps about one request: where it belongs (district, ward, team, field,
/// procedure, channel, age band, residential group, a pseudonymous citizen key) and what happened to it
/// (times, state, outcome). Built from the dispatcher's events by ``FactFolder``; stored one row per
/// `(district, requestID)` by a ``FactStore``. No names or phones: events never carry them.
///
/// The vocabulary fields (channel, help type, age band, state, outcome, failure reason, mode) hold the domain
/// enums' raw values: that is how both stores keep them, and a value written by a newer release is kept as
/// it is rather than refused when the store is read.
public struct RequestFact: Sendable, Equatable {
    public var district: String
    public var requestID: String
    /// The ward the request was accepted in; an overflow to a neighbour does not move it.
    public var ward: String
    public var procedure: String?
    public var field: String?
    public var channel: String?
    public var helpType: String?
    public var ageBand: String?
    /// Tổ dân phố as written on the request, e.g. "TDP 5"; only unique inside its ward.
    public var residentialGroup: String?
    /// The dispatcher's keyed pseudonym of the citizen's phone: the same person gets the same key in one
    /// district, and the key cannot be turned back into a phone without the dispatcher's secret.
    public var citizen: String?
    public var priority: Bool?
    /// When the request was accepted (seconds since 1970); `nil` until its `accepted` event is seen.
    public var receivedAt: Double?
    /// First delivery to a ward worker (or overflow to a neighbour's).
    public var firstAssignedAt: Double?
    /// First time a team reported being IN_PROGRESS with the citizen.
    public var firstContactAt: Double?
    public var resolvedAt: Double?
    /// Set while the case waits for the citizen (WAITING_CITIZEN), which pauses the resolution clock.
    public var waitingSince: Double?
    /// Seconds spent waiting for the citizen so far.
    public var waitedSeconds: Double
    public var state: String?
    public var outcome: String?
    public var failureReason: String?
    public var mode: String?
    public var legacyLevel: Int?
    public var dossierCount: Int?
    /// The team holding (or last holding) the case.
    public var team: String?
    /// How many times a team was given the case.
    public var assignments: Int
    /// Teams that declined the case, in order (a team may appear twice).
    public var declinedBy: [String]

    /// A fact known only by its key, as the first event of a request creates it.
    public init(district: String, requestID: String, ward: String) {
        self.district = district
        self.requestID = requestID
        self.ward = ward
        waitedSeconds = 0
        assignments = 0
        declinedBy = []
    }

    /// ``state`` in the domain's vocabulary; nil when unknown or not one of its values.
    public var currentState: RequestState? { state.flatMap(RequestState.init(rawValue:)) }
}
