import MajordomoPeers
import XungKichWire

/// A dispatcher's `xk.events` service, as followers use it: the journal's events after a sequence number, a
/// page at a time (the zguide's Clone pattern catch-up).
public enum DispatcherEvents {
    /// The dispatcher's replay service.
    public static let service = "xk.events"

    /// The events after `after`, oldest first, and the dispatcher's latest sequence number.
    ///
    /// - Throws: the client's error when the dispatcher does not answer; a `WireError` when it refuses (its
    ///   error envelope) or answers something that is not an ``EventsPage`` (code `malformed`).
    public static func page(from client: MajordomoClient, after: Int64) async throws -> EventsPage {
        let reply = try await client.request(service: service, body: [WireJSON.encode(EventsQuery(after: after))])
        return try WireJSON.decodeReply(EventsPage.self, from: reply.first ?? [])
    }

    /// Every event of the dispatcher's journal from the first, page by page, as events of `district`: what
    /// `xk stats verify` recounts.
    public static func all(from client: MajordomoClient, district: String) async throws -> [CoordinatorEvent] {
        var events: [CoordinatorEvent] = []
        var after: Int64 = 0
        while true {
            let page = try await self.page(from: client, after: after)
            events += page.events.map { CoordinatorEvent(district: district, event: $0) }
            // An empty page, or one that reaches the latest event, is the end.
            guard let newest = page.events.last?.seq, newest < page.last, newest > after else { return events }
            after = newest
        }
    }
}
