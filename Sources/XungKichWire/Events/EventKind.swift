import XungKich

/// What happened to a request, as the dispatcher journals it. Open (a newer dispatcher may journal kinds
/// this release does not know, and followers skip those), so a string with the known kinds as constants.
public struct EventKind: StringBacked {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Taken by `xk.submit` and journaled.
    public static let accepted = EventKind("accepted")
    /// Handed to a worker of its own ward.
    public static let delivered = EventKind("delivered")
    /// Handed to a neighbouring ward's worker (`to`).
    public static let overflow = EventKind("overflow")
    /// A worker's PARTIAL: the case moved.
    public static let progress = EventKind("progress")
    /// A worker's FINAL with an outcome.
    public static let resolved = EventKind("resolved")
    /// The ward gave it back (no team could take it); dispatched again.
    public static let declined = EventKind("declined")
    /// The delivery was lost (worker died or vanished); delivered again after a backoff.
    public static let redelivery = EventKind("redelivery")
    /// Too many lost deliveries: waits for an operator (`xk attention`).
    public static let attention = EventKind("attention")
    /// An operator put it back in its ward's queue.
    public static let requeued = EventKind("requeued")
    /// An operator withdrew it.
    public static let cancelled = EventKind("cancelled")
    /// The units changed (`xk units switch`): its unit had ended; `to` is the successor it goes to now, or
    /// `candidates` lists the units of a split one (it then waits for an operator).
    public static let switched = EventKind("switched")
    /// A worker's FINAL could not be read: waits for an operator.
    public static let invalidFinal = EventKind("invalid-final")
    /// A worker's PARTIAL could not be read.
    public static let invalidUpdate = EventKind("invalid-update")
}
