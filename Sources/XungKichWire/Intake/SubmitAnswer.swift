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
