import XungKich

/// A reply to an `xk.*` request, sent only after the journal batch of its turn committed.
public enum DeskReply: Sendable, Equatable {
    /// A finished JSON body.
    case body([UInt8])
    /// A status query, answered from the journal after the commit (so it sees this turn's writes).
    case status(id: RequestID)
    /// The needs-attention list, read from the journal after the commit.
    case attention
    /// Journal events after a sequence number (the coordinator's catch-up), read after the commit.
    case events(after: Int64, limit: Int)
}
