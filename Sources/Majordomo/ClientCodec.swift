/// The client side of Majordomo: encodes requests and decodes the broker's replies, in any dialect.
/// Frames here are what a DEALER sends and receives (no routing id).
public enum ClientCodec {
    /// A reply part from the broker.
    public struct Reply: Equatable, Sendable {
        public var final: Bool
        /// The service that answered; majortomo's replies carry none (empty here).
        public var service: [UInt8]
        public var body: Frames
    }

    public static func request(_ dialect: Dialect, service: [UInt8], body: Frames) -> Frames {
        var frames: Frames = []
        frames.reserveCapacity(body.count + 4)
        switch dialect {
        case .rfc18: frames += [Header.client02, [0x01], service]
        case .majortomo: frames += [[], Header.client02, [0x02], service]
        case .mdp01: frames += [[], Header.client01, service]
        }
        frames.append(contentsOf: body)
        return frames
    }

    public static func decodeReply(_ dialect: Dialect, _ frames: Frames) -> Result<Reply, DecodeError> {
        var rest = frames[...]
        if dialect.hasEnvelopeDelimiter {
            guard rest.first?.isEmpty == true else { return .failure(.missingEnvelopeDelimiter) }
            rest = rest.dropFirst()
        }
        guard rest.first == dialect.clientHeader else { return .failure(.unknownHeader) }
        rest = rest.dropFirst()
        switch dialect {
        case .rfc18:
            guard rest.count >= 2, rest[rest.startIndex].count == 1 else { return .failure(.missingFrames(command: "reply")) }
            let command = rest[rest.startIndex][0]
            guard command == 0x02 || command == 0x03 else { return .failure(.unknownCommand(command)) }
            return .success(Reply(final: command == 0x03, service: rest[rest.startIndex + 1], body: Array(rest.dropFirst(2))))
        case .majortomo:
            guard let c = rest.first, c.count == 1 else { return .failure(.missingFrames(command: "reply")) }
            guard c[0] == 0x03 || c[0] == 0x04 else { return .failure(.unknownCommand(c[0])) }
            return .success(Reply(final: c[0] == 0x04, service: [], body: Array(rest.dropFirst())))
        case .mdp01:
            guard let service = rest.first else { return .failure(.missingFrames(command: "reply")) }
            return .success(Reply(final: true, service: service, body: Array(rest.dropFirst())))
        }
    }
}
