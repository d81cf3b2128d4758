import Majordomo

/// What one step of the broker wants done: messages to send (routing id first) and notices to log.
/// Reused across steps so the hot path does not allocate a fresh array per message.
public struct Outbox: Sendable {
    /// One message to send, with what it is, so the socket shell knows how to treat a failed send.
    public struct Message: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case request, reply, heartbeat, disconnect }
        public var kind: Kind
        public var frames: [[UInt8]]
        public var peer: [UInt8] { frames.first ?? [] }
    }

    public var messages: [Message] = []
    public var notices: [BrokerNotice] = []
    /// Client requests for the dispatcher's own services (`xk.*`), for the dispatcher to answer.
    /// `userID` is the ZAP user id of the sender's key (nil without keys), for the services that decide per request.
    public var internalRequests: [(client: [UInt8], dialect: Dialect, service: [UInt8], body: [[UInt8]], userID: String?)] = []
    /// Replies to the dispatcher's own deliveries, by tag.
    public var internalReplies: [(tag: UInt64, final: Bool, body: [[UInt8]])] = []
    /// The dispatcher's own deliveries whose worker is gone (or that expired unserved), by tag.
    public var internalLost: [UInt64] = []

    public init() {}

    mutating func send(_ kind: Message.Kind, _ frames: [[UInt8]]) {
        messages.append(Message(kind: kind, frames: frames))
    }

    public mutating func removeAll() {
        messages.removeAll(keepingCapacity: true)
        notices.removeAll(keepingCapacity: true)
        internalRequests.removeAll(keepingCapacity: true)
        internalReplies.removeAll(keepingCapacity: true)
        internalLost.removeAll(keepingCapacity: true)
    }
}
