/// A message a broker received from a client or worker, decoded into what it means.
/// The peer's routing id is not part of it; the socket layer strips and keeps it.
public enum BrokerInbound: Equatable, Sendable {
    case request(Dialect, service: [UInt8], body: Frames)
    /// A worker's READY. `credit` is how many requests it takes at once: 1 in plain MDP; an optional
    /// extra READY frame with a decimal number raises it (an extension other brokers ignore).
    case ready(Dialect, service: [UInt8], credit: Int)
    /// A worker's partial reply for `client`.
    case partial(Dialect, client: [UInt8], body: Frames)
    /// A worker's final reply (MDP/0.1's REPLY) for `client`.
    case final(Dialect, client: [UInt8], body: Frames)
    case heartbeat(Dialect)
    case disconnect(Dialect)

    public var dialect: Dialect {
        switch self {
        case .request(let d, _, _), .ready(let d, _, _), .partial(let d, _, _), .final(let d, _, _),
             .heartbeat(let d), .disconnect(let d):
            d
        }
    }

    /// Decodes the frames after the routing id. Never traps, whatever the input.
    public static func decode(_ frames: ArraySlice<[UInt8]>) -> Result<BrokerInbound, DecodeError> {
        guard let first = frames.first else { return .failure(.empty) }
        var rest = frames.dropFirst()
        let header: [UInt8]
        let delimited = first.isEmpty
        if delimited {
            guard let h = rest.first else { return .failure(.unknownHeader) }
            header = h
            rest = rest.dropFirst()
        } else {
            header = first
        }
        switch (header, delimited) {
        case (Header.client02, false): return decodeClient(.rfc18, rest)
        case (Header.client02, true): return decodeClient(.majortomo, rest)
        case (Header.client01, true): return decodeClient(.mdp01, rest)
        case (Header.worker02, false): return decodeWorker(.rfc18, rest)
        case (Header.worker02, true): return decodeWorker(.majortomo, rest)
        case (Header.worker01, true): return decodeWorker(.mdp01, rest)
        default: return .failure(.unknownHeader)
        }
    }

    private static func decodeClient(_ dialect: Dialect, _ frames: ArraySlice<[UInt8]>)
        -> Result<BrokerInbound, DecodeError>
    {
        var rest = frames
        if dialect != .mdp01 {
            guard let command = rest.first else { return .failure(.missingFrames(command: "REQUEST")) }
            let expected: UInt8 = dialect == .rfc18 ? 0x01 : 0x02
            guard command.count == 1 else { return .failure(.unknownCommand(command.first ?? 0)) }
            guard command[0] == expected else {
                return .failure(command[0] <= 0x04 ? .notSentByThisRole(command: "client command 0x0\(command[0])")
                                                    : .unknownCommand(command[0]))
            }
            rest = rest.dropFirst()
        }
        guard let service = rest.first else { return .failure(.missingFrames(command: "REQUEST")) }
        guard !service.isEmpty else { return .failure(.emptyServiceName) }
        return .success(.request(dialect, service: service, body: Array(rest.dropFirst())))
    }

    private static func decodeWorker(_ dialect: Dialect, _ frames: ArraySlice<[UInt8]>)
        -> Result<BrokerInbound, DecodeError>
    {
        guard let command = frames.first, command.count == 1 else {
            return .failure(frames.first.map { .unknownCommand($0.first ?? 0) } ?? .missingFrames(command: "worker"))
        }
        let rest = frames.dropFirst()
        switch command[0] {
        case WorkerCommandByte.ready:
            guard let service = rest.first else { return .failure(.missingFrames(command: "READY")) }
            guard !service.isEmpty else { return .failure(.emptyServiceName) }
            let credit = rest.dropFirst().first.map(Self.credit) ?? 1
            return .success(.ready(dialect, service: service, credit: credit))
        case WorkerCommandByte.request:
            return .failure(.notSentByThisRole(command: "REQUEST"))
        case WorkerCommandByte.partial(dialect):
            return decodeReply(rest, command: "PARTIAL").map { .partial(dialect, client: $0.0, body: $0.1) }
        case WorkerCommandByte.final(dialect):
            return decodeReply(rest, command: "FINAL").map { .final(dialect, client: $0.0, body: $0.1) }
        case WorkerCommandByte.heartbeat(dialect):
            return .success(.heartbeat(dialect))
        case WorkerCommandByte.disconnect(dialect):
            return .success(.disconnect(dialect))
        default:
            return .failure(.unknownCommand(command[0]))
        }
    }

    /// Reads a credit frame; anything unreadable counts as plain MDP's 1, and it is capped so one
    /// worker cannot claim a whole queue.
    private static func credit(_ frame: [UInt8]) -> Int {
        guard !frame.isEmpty, frame.count <= 4, frame.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return 1 }
        let value = frame.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return min(max(value, 1), maxCredit)
    }

    /// The most requests one worker may hold at once.
    public static let maxCredit = 1024

    private static func decodeReply(_ frames: ArraySlice<[UInt8]>, command: String)
        -> Result<([UInt8], Frames), DecodeError>
    {
        guard frames.count >= 2 else { return .failure(.missingFrames(command: command)) }
        let client = frames[frames.startIndex]
        guard !client.isEmpty else { return .failure(.emptyClientAddress) }
        guard frames[frames.startIndex + 1].isEmpty else { return .failure(.missingEnvelopeDelimiter) }
        return .success((client, Array(frames.dropFirst(2))))
    }
}

/// A multipart message: one byte array per frame.
public typealias Frames = [[UInt8]]
