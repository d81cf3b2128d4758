import XungKich
import XungKichWire

/// A help request as the journal keeps it. `body` is the JSON the citizen's helper sent; it holds the
/// personal data the ward team needs to call back, so it lives here and in deliveries, never in events.
public struct StoredRequest: Sendable, Equatable {
    public var id: RequestID
    public var number: Int64
    public var ward: WardCode
    public var procedure: String
    public var field: String
    public var isPriority: Bool
    public var idempotencyKey: String?
    public var body: [UInt8]
    public var state: RequestState
    public var attempts: Int
    public var needsAttention: Bool
    public var outcome: Outcome?
    /// Seconds since 1970 (wall clock), for history and ageing across restarts.
    public var createdAt: Double
    /// The unit the request was filed under, kept for good (a switch-over moves ``ward``, never this); nil for a
    /// request of an earlier release the config could not place.
    public var unit: UnitKey? = nil
}

/// One journaled change. Sequence numbers are strictly increasing across the dispatcher's life;
/// the coordinator follows them. Events carry codes and states only: no names, no phone numbers.
public struct JournalEvent: Sendable, Equatable {
    public var seq: Int64
    public var requestID: RequestID
    public var ward: WardCode
    /// Seconds since 1970.
    public var at: Double
    public var kind: EventKind
    public var state: RequestState?
    /// Non-personal details (outcome, reason, attempt, worker update); stored as a JSON object.
    public var detail: EventDetail?
    /// The unit its request was filed under (read from the request, not stored per event).
    public var unit: UnitKey? = nil

    /// As `xk.status` shows it in a history.
    public var wire: WireEvent { WireEvent(seq: seq, at: at, kind: kind, state: state, detail: detail) }

    /// As followers get it: with the request id and ward.
    public var wireForFollower: WireEvent {
        WireEvent(seq: seq, at: at, kind: kind, state: state, detail: detail, requestId: requestID, ward: ward, unit: unit)
    }
}

/// Everything one turn of the dispatcher's loop wrote, committed in one transaction (one fsync).
public struct JournalBatch: Sendable {
    public var inserts: [StoredRequest] = []
    /// Latest state per request id (later updates in a batch replace earlier ones).
    public var updates: [RequestID: RequestUpdate] = [:]
    /// Requests routed to another ward from now on (a switch-over to new units), with that ward.
    public var moves: [RequestID: WardCode] = [:]
    public var events: [JournalEvent] = []
    /// Notices to journal with this batch: a cancelled request's wards must be told.
    public var wardNotices: [(ward: WardCode, notice: DispatchDesk.Notice)] = []
    /// Requests cancelled in this batch; their wards are looked up before the commit (``wardNotices``).
    public var cancelled: [RequestID] = []
    /// Requests delivered again in this batch (after a loss or a requeue), with the ward they went to: any other
    /// ward that was sent them earlier is told to forget its stale copy.
    public var redelivered: [(id: RequestID, to: WardCode)] = []
    /// Notices wards confirmed, to forget.
    public var wardNoticesTold: [(ward: WardCode, notices: [DispatchDesk.Notice])] = []

    public struct RequestUpdate: Sendable, Equatable {
        public var state: RequestState
        public var attempts: Int
        public var needsAttention: Bool
        public var outcome: Outcome?
    }

    public var isEmpty: Bool { inserts.isEmpty && updates.isEmpty && moves.isEmpty && events.isEmpty && wardNotices.isEmpty && wardNoticesTold.isEmpty }
}
