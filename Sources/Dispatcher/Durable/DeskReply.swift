import XungKich
import XungKichWire

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
    /// One request with its personal data masked or revealed (`xk.case`), read and audited after the commit.
    case lookup(CaseLookup, who: String?)
    /// A citizen's erasure request (`erase-citizen`), carried out after the commit.
    case eraseCitizen(phone: String, who: String?)
    /// Erase the personal data of requests finished more than `days` ago (`purge`), after the commit.
    case purge(days: Int?, who: String?)
}
