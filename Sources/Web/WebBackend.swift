import XungKichWire

/// Where the web reads and acts: the coordinator (statistics, the public request list) and the dispatchers
/// (needs-attention, requeue, cancel). A protocol so the pages' pure parts can be tested without sockets.
public protocol WebBackend: Sendable {
    func stats(_ query: StatsQueryMessage) async throws -> StatsAnswer
    func requests(_ query: StatsQueryMessage) async throws -> PublicRequestList
    /// Every dispatcher's needs-attention list, together.
    func attention() async throws -> [AttentionList.Item]
    /// Requeue or cancel on the dispatcher of the request's district.
    func admin(_ command: AdminCommand) async throws -> AdminAnswer
}
