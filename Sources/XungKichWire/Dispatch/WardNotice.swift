import XungKich

/// The dispatcher telling a ward worker about cases it holds: cancelled by the district (`cancel`: close the
/// case, refuse further steps), to be erased at the citizen's request (`erase`: remove name, phone and
/// notes), or requeued by an officer after the ward lost it (`withdraw`: forget the stale copy; if the request
/// comes back to this ward it opens afresh). The body of a Majordomo REQUEST to `ward.<code>`, e.g. `{"cancel": ["007-0000042"]}`. The worker
/// answers FINAL with ``WardNoticeAnswer`` once its store has the change; until then the dispatcher keeps
/// the notice in its journal and sends it again, also after either side restarts.
public struct WardNotice: Codable, Sendable, Hashable {
    public var cancel: [RequestID]?
    public var erase: [RequestID]?
    public var withdraw: [RequestID]?

    public init(cancel: [RequestID]? = nil, erase: [RequestID]? = nil, withdraw: [RequestID]? = nil) {
        self.cancel = cancel
        self.erase = erase
        self.withdraw = withdraw
    }

    /// Whether a delivery body is a notice rather than a help request: its first key (keys are sorted) is
    /// `cancel`, `erase` or `withdraw`, which a delivery (`attempt` first) never has.
    public static func isNotice(_ body: [UInt8]) -> Bool {
        ["cancel", "erase", "withdraw"].contains { body.starts(with: Array("{\"\($0)\":".utf8)) }
    }
}

/// A ward's answer to ``WardNotice``: the ids it has done (or never had).
public struct WardNoticeAnswer: Codable, Sendable, Hashable {
    public var cancelled: [RequestID]?
    public var erased: [RequestID]?
    public var withdrawn: [RequestID]?

    public init(cancelled: [RequestID]? = nil, erased: [RequestID]? = nil, withdrawn: [RequestID]? = nil) {
        self.cancelled = cancelled
        self.erased = erased
        self.withdrawn = withdrawn
    }
}
