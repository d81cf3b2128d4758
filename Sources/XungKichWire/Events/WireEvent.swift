import XungKich

/// One journal event as `xk.status` shows it in a request's history and as followers get it (`xk.events`
/// pages and the events PUB socket, where `requestId` and `ward` are set too). Sequence numbers are strictly
/// increasing per dispatcher.
public struct WireEvent: Codable, Sendable, Hashable {
    public var seq: Int64
    /// Seconds since 1970 (UTC).
    public var at: Double
    public var kind: EventKind
    /// The request's state after the event.
    public var state: RequestState?
    public var detail: EventDetail?
    /// Set for followers.
    public var requestId: RequestID?
    /// Set for followers.
    public var ward: WardCode?
    /// Set for followers: the unit the request was filed under (`CODE@YYYY-MM-DD`), which statistics key on;
    /// `ward` is the code it is routed to. Absent from dispatchers before units were dated.
    public var unit: UnitKey?

    public init(seq: Int64, at: Double, kind: EventKind, state: RequestState?, detail: EventDetail?,
                requestId: RequestID? = nil, ward: WardCode? = nil, unit: UnitKey? = nil) {
        self.unit = unit
        self.seq = seq
        self.at = at
        self.kind = kind
        self.state = state
        self.detail = detail
        self.requestId = requestId
        self.ward = ward
    }

    private enum CodingKeys: String, CodingKey { case seq, at, kind, state, detail, requestId, ward, unit }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int64.self, forKey: .seq)
        at = try c.decode(Double.self, forKey: .at)
        kind = try c.decode(EventKind.self, forKey: .kind)
        // A state a newer release added is not a reason to stop reading its events.
        state = try c.decodeIfPresent(String.self, forKey: .state).flatMap(RequestState.init(rawValue:))
        detail = try c.decodeIfPresent(EventDetail.self, forKey: .detail)
        requestId = try c.decodeIfPresent(RequestID.self, forKey: .requestId)
        ward = try c.decodeIfPresent(WardCode.self, forKey: .ward)
        // An unreadable unit is dropped, not fatal: the event still counts under its ward code.
        unit = (try? c.decodeIfPresent(String.self, forKey: .unit)).flatMap { $0 }.flatMap(UnitKey.init(text:))
    }

    /// The first frame of every message on the events PUB socket; subscribers filter on it.
    public static let topic = Array("event".utf8)
}
