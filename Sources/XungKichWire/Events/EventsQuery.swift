/// `xk.events`: the events after `after`, at most `limit` (the dispatcher caps it), oldest first.
public struct EventsQuery: Codable, Sendable, Hashable {
    public var after: Int64
    public var limit: Int?

    public init(after: Int64, limit: Int? = nil) {
        self.after = after
        self.limit = limit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        after = try container.decodeIfPresent(Int64.self, forKey: .after) ?? 0
        limit = try container.decodeIfPresent(Int.self, forKey: .limit)
    }
}

/// The answer to ``EventsQuery``: a page of events and the dispatcher's last sequence number, so a follower
/// knows whether to ask again.
public struct EventsPage: Codable, Sendable, Hashable {
    public var events: [WireEvent]
    public var last: Int64

    public init(events: [WireEvent], last: Int64) {
        self.events = events
        self.last = last
    }
}
