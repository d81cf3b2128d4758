/// Why a message is not valid Majordomo. Brokers drop such messages (RFC 18) and log the reason.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unknownHeader
    case unknownCommand(UInt8)
    case missingFrames(command: String)
    case emptyServiceName
    case missingEnvelopeDelimiter
    case emptyClientAddress
    /// A well-formed message a peer of this role never sends (e.g. a client's PARTIAL).
    case notSentByThisRole(command: String)

    public var description: String {
        switch self {
        case .empty: "no frames"
        case .unknownHeader: "unknown protocol header (expected MDPC01, MDPC02, MDPW01 or MDPW02)"
        case .unknownCommand(let byte): "unknown command byte 0x\(String(byte, radix: 16))"
        case .missingFrames(let command): "\(command) lacks required frames"
        case .emptyServiceName: "empty service name"
        case .missingEnvelopeDelimiter: "client address not followed by an empty frame"
        case .emptyClientAddress: "empty client address"
        case .notSentByThisRole(let command): "\(command) is not sent by this peer role"
        }
    }
}
