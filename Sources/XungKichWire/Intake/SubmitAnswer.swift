import XungKich

/// The dispatcher's answer to `xk.submit` when it took the request (docs/help-request.md):
/// `{"id": "007-0000042", "duplicate": false}`. A refusal is a ``WireError`` envelope instead, with one
/// problem per field (`invalid-request`), or a retryable `disk-full` / `store-unavailable`.
public struct SubmitAnswer: Codable, Sendable, Hashable {
    /// The request's id; for a duplicate, the id given the first time.
    public var id: RequestID
    /// The idempotency key was seen before: nothing new was stored.
    public var duplicate: Bool

    public init(id: RequestID, duplicate: Bool) {
        self.id = id
        self.duplicate = duplicate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(RequestID.self, forKey: .id)
        duplicate = try container.decodeIfPresent(Bool.self, forKey: .duplicate) ?? false
    }
}

extension SubmitAnswer {
    /// The answer as `WireJSON.encode` writes it (`{"duplicate":false,"id":"007-0000042"}`), written directly when
    /// the id needs no escaping, which every id a dispatcher makes does: the encoder costs microseconds per
    /// answer on the dispatcher's thread, and every accepted help request gets one.
    public var json: [UInt8] {
        let id = id.rawValue.utf8
        guard id.allSatisfy(Self.isPlain) else { return WireJSON.encode(self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32 + id.count)
        bytes.append(contentsOf: duplicate ? Self.duplicateTrue : Self.duplicateFalse)
        bytes.append(contentsOf: id)
        bytes.append(contentsOf: Self.close)
        return bytes
    }

    private static let duplicateTrue = Array(#"{"duplicate":true,"id":""#.utf8)
    private static let duplicateFalse = Array(#"{"duplicate":false,"id":""#.utf8)
    private static let close = Array(#""}"#.utf8)

    /// Letters, digits, `-`, `.` and `_`: written the same by every JSON encoder.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
