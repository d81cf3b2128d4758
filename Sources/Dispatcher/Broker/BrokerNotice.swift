import Majordomo

/// Things the broker did or refused that an operator may want in the log. Carries routing ids and
/// service names only, never message bodies (which may hold personal data).
public enum BrokerNotice: Equatable, Sendable {
    case invalidMessage(peer: [UInt8], reason: DecodeError)
    case workerRegistered(peer: [UInt8], service: [UInt8], dialect: Dialect, credit: Int)
    case workerDisconnected(peer: [UInt8], reason: DisconnectReason)
    case requestRequeued(service: [UInt8], deliveries: Int)
    case requestAbandoned(service: [UInt8], deliveries: Int)
    case requestExpired(service: [UInt8])
    case requestRefused(service: [UInt8], reason: String)
    case replyDropped(peer: [UInt8], reason: String)
    /// A worker answered a delivery it no longer holds (already answered, or given to another
    /// worker after this one was presumed dead): recorded and ignored, never relayed twice.
    case staleReply(worker: [UInt8], final: Bool)
    /// A message its sender's key does not allow (with keys): the audit trail of refusals.
    case accessRefused(peer: [UInt8], identity: String?, reason: String)

    /// Why a worker left the broker's books.
    public enum DisconnectReason: String, Sendable {
        case saidDisconnect = "worker sent DISCONNECT"
        case expired = "worker missed its heartbeats"
        case unreachable = "worker's connection is gone"
        case protocolViolation = "worker broke the protocol (disconnected by the broker)"
        case stuck = "worker's queue is full"
    }
}
