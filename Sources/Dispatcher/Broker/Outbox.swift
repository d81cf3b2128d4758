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

    public init() {}

    mutating func send(_ kind: Message.Kind, _ frames: [[UInt8]]) {
        messages.append(Message(kind: kind, frames: frames))
    }

    public mutating func removeAll() {
        messages.removeAll(keepingCapacity: true)
        notices.removeAll(keepingCapacity: true)
    }
}
