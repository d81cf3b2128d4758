import Majordomo
import XungKichWire

extension Broker {
    /// A message its sender's key does not allow: a client gets a `forbidden` answer, a worker a DISCONNECT
    /// (and its registration, if any, is dropped); both are written to the audit log.
    mutating func refuse(_ peer: [UInt8], _ inbound: BrokerInbound, reason: String, userID: String?, now: Instant,
                         into out: inout Outbox) {
        out.notices.append(.accessRefused(peer: peer, identity: userID, reason: reason))
        switch inbound {
        case .request(let dialect, let service, _):
            let refusal = WireError(.forbidden, "\(reason); ask the district's IT officer for a key with that role")
            reply(to: peer, dialect, service: service, final: true, body: [refusal.json], into: &out)
        default:
            if workers[ByteKey(peer)] != nil {
                disconnect(peer, now: now, into: &out)
            } else {
                out.send(.disconnect, BrokerOutbound.disconnect(to: peer, inbound.dialect))
            }
        }
    }
}
