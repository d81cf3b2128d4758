/// The three Majordomo dialects met in the wild. A broker tells them apart per message from the
/// leading empty frame, the header and (for clients) the command byte, and answers each peer in its own.
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// MDP/0.2 as RFC 18 writes it: no leading empty frame; client REQUEST is 0x01,
    /// broker replies PARTIAL 0x02 / FINAL 0x03 with the service frame.
    case rfc18 = "MDP/0.2"
    /// The majortomo 0.2.0 (PyPI) reading of MDP/0.2: every message led by an empty frame;
    /// client REQUEST is 0x02, replies PARTIAL 0x03 / FINAL 0x04 without a service frame.
    case majortomo = "MDP/0.2-majortomo"
    /// MDP/0.1 (RFC 7, the zguide's examples): leading empty frame, no client command byte,
    /// one REPLY per request.
    case mdp01 = "MDP/0.1"

    public var description: String { rawValue }

    /// Whether messages carry an empty first frame (the REQ-socket envelope delimiter).
    public var hasEnvelopeDelimiter: Bool { self != .rfc18 }

    var clientHeader: [UInt8] { self == .mdp01 ? Header.client01 : Header.client02 }
    var workerHeader: [UInt8] { self == .mdp01 ? Header.worker01 : Header.worker02 }
}

/// Protocol header frames.
public enum Header {
    public static let client02: [UInt8] = Array("MDPC02".utf8)
    public static let worker02: [UInt8] = Array("MDPW02".utf8)
    public static let client01: [UInt8] = Array("MDPC01".utf8)
    public static let worker01: [UInt8] = Array("MDPW01".utf8)
}

/// Worker command bytes, which differ between MDP/0.2 and MDP/0.1.
public enum WorkerCommandByte {
    public static let ready: UInt8 = 0x01
    public static let request: UInt8 = 0x02

    static func partial(_ d: Dialect) -> UInt8? { d == .mdp01 ? nil : 0x03 }
    static func final(_ d: Dialect) -> UInt8 { 0x03 + (d == .mdp01 ? 0 : 1) }
    static func heartbeat(_ d: Dialect) -> UInt8 { d == .mdp01 ? 0x04 : 0x05 }
    static func disconnect(_ d: Dialect) -> UInt8 { d == .mdp01 ? 0x05 : 0x06 }
}
