/// The worker side of Majordomo: encodes worker commands and decodes what the broker sends,
/// in any dialect. Frames here are what a DEALER sends and receives (no routing id).
public enum WorkerCodec {
    /// What a broker sends a worker.
    public enum Inbound: Equatable, Sendable {
        case request(client: [UInt8], body: Frames)
        case heartbeat
        case disconnect
    }

    /// READY for `service`; a `credit` above 1 asks an xk dispatcher for that many requests at once
    /// (sent as an extra frame, which plain MDP brokers ignore).
    public static func ready(_ dialect: Dialect, service: [UInt8], credit: Int = 1) -> Frames {
        prefix(dialect, WorkerCommandByte.ready) + (credit > 1 ? [service, Array(String(credit).utf8)] : [service])
    }

    /// A reply for `client`. For MDP/0.1, which has only one REPLY, a partial is not encodable (nil).
    public static func reply(_ dialect: Dialect, client: [UInt8], final: Bool, body: Frames) -> Frames? {
        let command: UInt8
        if final {
            command = WorkerCommandByte.final(dialect)
        } else {
            guard let partial = WorkerCommandByte.partial(dialect) else { return nil }
            command = partial
        }
        return prefix(dialect, command) + [client, []] + body
    }

    public static func heartbeat(_ dialect: Dialect) -> Frames {
        prefix(dialect, WorkerCommandByte.heartbeat(dialect))
    }

    public static func disconnect(_ dialect: Dialect) -> Frames {
        prefix(dialect, WorkerCommandByte.disconnect(dialect))
    }

    public static func decode(_ dialect: Dialect, _ frames: Frames) -> Result<Inbound, DecodeError> {
        var rest = frames[...]
        if dialect.hasEnvelopeDelimiter {
            guard rest.first?.isEmpty == true else { return .failure(.missingEnvelopeDelimiter) }
            rest = rest.dropFirst()
        }
        guard rest.first == dialect.workerHeader else { return .failure(.unknownHeader) }
        rest = rest.dropFirst()
        guard let command = rest.first, command.count == 1 else { return .failure(.missingFrames(command: "worker")) }
        rest = rest.dropFirst()
        switch command[0] {
        case WorkerCommandByte.request:
            guard rest.count >= 2, !rest[rest.startIndex].isEmpty else { return .failure(.missingFrames(command: "REQUEST")) }
            guard rest[rest.startIndex + 1].isEmpty else { return .failure(.missingEnvelopeDelimiter) }
            return .success(.request(client: rest[rest.startIndex], body: Array(rest.dropFirst(2))))
        case WorkerCommandByte.heartbeat(dialect): return .success(.heartbeat)
        case WorkerCommandByte.disconnect(dialect): return .success(.disconnect)
        default: return .failure(.unknownCommand(command[0]))
        }
    }

    private static func prefix(_ dialect: Dialect, _ command: UInt8) -> Frames {
        dialect.hasEnvelopeDelimiter ? [[], dialect.workerHeader, [command]] : [dialect.workerHeader, [command]]
    }
}
