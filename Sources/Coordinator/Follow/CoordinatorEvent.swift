import XungKichWire

/// One dispatcher event as the coordinator follows it: the ``WireEvent`` a dispatcher publishes (`--events`)
/// or replays (`xk.events`), with the district whose dispatcher sent it. Sequence numbers count per
/// dispatcher, so the district is part of an event's identity.
public struct CoordinatorEvent: Sendable, Equatable {
    /// The district (GSO code) of the dispatcher that sent the event.
    public var district: String
    /// The event as the dispatcher sent it.
    public var event: WireEvent

    /// An event of `district`'s dispatcher.
    public init(district: String, event: WireEvent) {
        self.district = district
        self.event = event
    }

    /// The event's sequence number in its district.
    public var seq: Int64 { event.seq }

    /// The request the event is about. Dispatchers set it on every event they send to followers; an event
    /// without one still takes its place in the sequence (so the follower sees no gap and does not ask for it
    /// forever) but changes no request.
    public var requestID: String? { event.requestId.flatMap { $0.isEmpty ? nil : $0.rawValue } }

    /// The ward the request was accepted in; set on every event a dispatcher sends to followers.
    /// Statistics key on the unit the request was filed under (`CODE@YYYY-MM-DD`) when the dispatcher sends it,
    /// so two places that shared a code in different periods never share a row; else on the bare code.
    public var ward: String? { event.unit?.text ?? event.ward.flatMap { $0.isEmpty ? nil : $0.rawValue } }

    /// Whether the event names its request and ward, as the engine needs to fold it.
    public var isFoldable: Bool { requestID != nil && ward != nil }
}
