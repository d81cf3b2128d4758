import XungKich

/// What a ward worker receives for each help request (the body of the Majordomo REQUEST to `ward.<code>`):
/// `{"id": "007-0000042", "attempt": 1, "request": {…the help request, personal data included…}}`.
public struct WardDelivery: Codable, Sendable {
    public var id: RequestID
    /// 1 for the first delivery, counting every redelivery after a lost one.
    public var attempt: Int
    /// The request as the dispatcher accepted it (normal form: trimmed, phone as digits, ward and field set).
    public var request: HelpRequest

    public init(id: RequestID, attempt: Int, request: HelpRequest) {
        self.id = id
        self.attempt = attempt
        self.request = request
    }

    /// The delivery body around a request already encoded (the dispatcher keeps the accepted request's JSON
    /// and does not decode it again for every delivery). `request` must be a JSON object from
    /// `WireJSON.encode(HelpRequest)`.
    public static func json(id: RequestID, attempt: Int, encodedRequest request: [UInt8]) -> [UInt8] {
        let head = WireJSON.encode(Head(attempt: attempt, id: id))
        // `{"attempt":…,"id":"…"` + `,"request":` + request + `}`: the keys stay sorted.
        return head.dropLast() + Array(#","request":"#.utf8) + request + [UInt8(ascii: "}")]
    }

    private struct Head: Encodable {
        var attempt: Int
        var id: RequestID
    }
}
