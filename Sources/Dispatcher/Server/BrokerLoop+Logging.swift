import Logging
import Majordomo

extension BrokerLoop {
    /// Logs a broker notice. Routing ids are shown in hex; bodies are never logged.
    func log(_ notice: BrokerNotice) {
        switch notice {
        case .invalidMessage(let peer, let reason):
            logger.debug("dropped invalid message", metadata: ["peer": "\(hex(peer))", "reason": "\(reason)"])
        case .workerRegistered(let peer, let service, let dialect, let credit):
            logger.info("worker registered", metadata: [
                "peer": "\(hex(peer))", "service": "\(text(service))", "dialect": "\(dialect)", "credit": "\(credit)",
            ])
        case .workerDisconnected(let peer, let reason):
            logger.info("worker removed", metadata: ["peer": "\(hex(peer))", "reason": "\(reason.rawValue)"])
        case .requestRequeued(let service, let deliveries):
            logger.warning("request requeued for another worker", metadata: [
                "service": "\(text(service))", "deliveries": "\(deliveries)",
            ])
        case .requestAbandoned(let service, let deliveries):
            logger.error("request abandoned after too many deliveries", metadata: [
                "service": "\(text(service))", "deliveries": "\(deliveries)",
            ])
        case .requestExpired(let service):
            logger.warning("request expired waiting for a worker", metadata: ["service": "\(text(service))"])
        case .requestRefused(let service, let reason):
            logger.warning("request refused", metadata: ["service": "\(text(service))", "reason": "\(reason)"])
        case .staleReply(let worker, let final):
            logger.notice("stale reply ignored", metadata: ["worker": "\(hex(worker))", "final": "\(final)"])
        case .replyDropped(let peer, let reason):
            logger.notice("reply dropped", metadata: ["peer": "\(hex(peer))", "reason": "\(reason)"])
        case .accessRefused(let peer, let identity, let reason):
            logger.warning("audit: message refused", metadata: [
                "peer": "\(hex(peer))", "identity": "\(identity ?? "-")", "reason": "\(reason)",
            ])
        }
    }
}

/// Routing ids are binary; show them in hex.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return byte < 16 ? "0" + digits : digits
    }.joined()
}

/// Service names are meant to be text; show anything else escaped rather than trusting it.
func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.prefix(128), as: UTF8.self).unicodeScalars
        .map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
}
