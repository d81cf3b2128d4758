/// What a key may do. Every key of a district has exactly one role.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// The district's dispatcher (its key is the one clients and workers check).
    case dispatcher
    /// The coordinator: follows the events, serves statistics.
    case coordinator
    /// A help desk: enqueues requests and reads their status.
    case intake
    /// District staff: requeue, cancel, attention, erasure; everything an intake key may do.
    case officer
    /// Statistics only.
    case viewer
    /// One ward's worker: registers `ward.<its code>` and nothing else.
    case ward
}
