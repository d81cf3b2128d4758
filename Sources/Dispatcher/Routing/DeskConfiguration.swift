import XungKich

/// The durable dispatcher's settings; ``RoutingPolicy`` applies them.
public struct DeskConfiguration: Sendable, Equatable {
    /// Deliveries of one request before it goes to the needs-attention list.
    public var maxAttempts = 5
    /// Wait before redelivering a request whose worker was lost: `base × 2^(attempt−1)`, capped.
    public var redeliveryBase: Double = 1
    public var redeliveryMax: Double = 60
    /// Wait before dispatching again a request a ward gave back (no team could take it), so a ward
    /// without a suitable team and the dispatcher do not hand it back and forth.
    public var declinedRetry: Double = 60
    /// A request waiting longer than this is served like a priority one, so none starves.
    public var agingThreshold: Double = 600
    /// Offer a ward's waiting requests to its neighbours when the ward has had no worker this long…
    public var overflowAfterNoWorker: Double = 300
    /// …or when its oldest waiting request is this old.
    public var overflowAge: Double = 1800
    /// Each ward's neighbours, from the district configuration (data, not code).
    public var neighbours: [WardCode: [WardCode]] = [:]
    /// The wards of the config, which `requeue … to` may send a request to; empty: any five-digit code.
    public var wards: Set<WardCode> = []

    public init() {}

    func backoff(afterAttempt attempt: Int) -> Double {
        min(redeliveryMax, redeliveryBase * Double(1 << min(max(attempt - 1, 0), 20)))
    }
}
