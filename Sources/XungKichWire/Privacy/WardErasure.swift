import XungKich

/// The dispatcher telling a ward worker to erase the personal data of cases it holds (a citizen's erasure
/// request): the body of a Majordomo REQUEST to `ward.<code>`, `{"erase": ["007-0000042", …]}`. The worker
/// answers FINAL with ``WardErasureAnswer`` once its store no longer has them; until then the dispatcher keeps
/// the notice in its journal and sends it again.
public struct WardErasure: Codable, Sendable, Hashable {
    public var erase: [RequestID]

    public init(erase: [RequestID]) { self.erase = erase }

    /// Whether a delivery body is an erasure notice rather than a help request (`{"erase":` first: the keys are
    /// sorted and an erasure has no other).
    public static func isErasure(_ body: [UInt8]) -> Bool {
        body.starts(with: Array(#"{"erase":"#.utf8))
    }
}

/// A ward's answer to ``WardErasure``: the ids it erased (or never had).
public struct WardErasureAnswer: Codable, Sendable, Hashable {
    public var erased: [RequestID]

    public init(erased: [RequestID]) { self.erased = erased }
}
