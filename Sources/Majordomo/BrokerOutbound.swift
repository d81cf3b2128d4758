/// Encodes what a broker sends, in the receiving peer's dialect, with the ROUTER routing id first.
public enum BrokerOutbound {
    /// A reply to a client. Returns nil for a PARTIAL to an MDP/0.1 client, which has no such command.
    public static func reply(to peer: [UInt8], _ dialect: Dialect, service: [UInt8], final: Bool, body: Frames)
        -> Frames?
    {
        // Reserved before the first append: `[peer]` and then `reserveCapacity` allocated the list twice.
        var frames: Frames = []
        frames.reserveCapacity(body.count + 5)
        frames.append(peer)
        switch dialect {
        case .rfc18:
            frames.append(Header.client02)
            frames.append(Self.byte(final ? 0x03 : 0x02))
            frames.append(service)
        case .majortomo:
            frames.append([])
            frames.append(Header.client02)
            frames.append(Self.byte(final ? 0x04 : 0x03))
        case .mdp01:
            guard final else { return nil }
            frames.append([])
            frames.append(Header.client01)
            frames.append(service)
        }
        frames.append(contentsOf: body)
        return frames
    }

    /// A REQUEST handed to a worker, carrying the client's address for its reply.
    public static func request(to worker: [UInt8], _ dialect: Dialect, client: [UInt8], body: Frames) -> Frames {
        var frames = prefix(worker, dialect, WorkerCommandByte.request, capacity: body.count + 6)
        frames.append(client)
        frames.append([])
        frames.append(contentsOf: body)
        return frames
    }

    public static func heartbeat(to worker: [UInt8], _ dialect: Dialect) -> Frames {
        prefix(worker, dialect, WorkerCommandByte.heartbeat(dialect), capacity: 4)
    }

    public static func disconnect(to worker: [UInt8], _ dialect: Dialect) -> Frames {
        prefix(worker, dialect, WorkerCommandByte.disconnect(dialect), capacity: 4)
    }

    private static func prefix(_ peer: [UInt8], _ dialect: Dialect, _ command: UInt8, capacity: Int) -> Frames {
        var frames: Frames = []
        frames.reserveCapacity(capacity)
        frames.append(peer)
        if dialect.hasEnvelopeDelimiter { frames.append([]) }
        frames.append(dialect.workerHeader)
        frames.append(byte(command))
        return frames
    }

    /// One-byte frames (command bytes), made once and shared: a fresh `[command]` for every message sent was
    /// an allocation per message on the broker's hot path.
    private static let singleBytes: [[UInt8]] = (0...255).map { [UInt8($0)] }

    static func byte(_ value: UInt8) -> [UInt8] { singleBytes[Int(value)] }
}
