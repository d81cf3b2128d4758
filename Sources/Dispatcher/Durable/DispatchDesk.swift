import Foundation
import XungKich
import XungKichWire

/// The durable half of the dispatcher as a pure state machine: it accepts help requests (`xk.submit`),
/// journals every change, decides which waiting request each ward worker gets next (priority with
/// ageing), and settles outcomes, losses and redeliveries. Fed `(event, now)` with wall-clock seconds;
/// its writes accumulate in `batch`, which the loop commits once per turn before sending any reply.
public struct DispatchDesk: Sendable {
    struct Job: Sendable {
        var stored: StoredRequest
        /// The broker delivery tag while a worker holds it.
        var tag: UInt64?
        /// The highest numbered worker update journaled for it.
        var lastUpdate = 0
    }

    public var configuration: DeskConfiguration { routing.configuration }
    /// Every routing decision: order, overflow, redelivery (see ``RoutingPolicy``).
    public internal(set) var routing: RoutingPolicy
    public let districtCode: String
    let validate: SubmitValidator
    /// Where a unit's open requests go when the units switch (``switchUnits(at:now:)``); nil: no crosswalk.
    public var successorOf: UnitSuccessor?
    var jobs: [RequestID: Job] = [:]
    /// Open requests the switch-over has already handled (a `switched` event in the journal): never twice.
    var switched: Set<RequestID> = []
    /// Waiting requests per ward.
    var waiting: [WardCode: WardQueue] = [:]
    var byTag: [UInt64: RequestID] = [:]
    var keysInBatch: [String: RequestID] = [:]
    var nextNumber: Int64
    var nextSeq: Int64
    var nextTag: UInt64 = 1
    /// Notices each ward has still to receive (``WardNotice``), from the journal.
    var notices: [WardCode: [Notice]] = [:]
    /// Notices a ward's worker holds now, by delivery tag.
    var noticeTags: [UInt64: (ward: WardCode, items: [Notice])] = [:]
    /// A ward whose worker did not confirm a notice is sent it again after this time.
    var noticeRetryAt: [WardCode: Double] = [:]
    /// Writes of the current turn; the loop takes and commits them.
    public internal(set) var batch = JournalBatch()

    /// Starts from the journal's counters and its unresolved requests; deliveries from before a
    /// restart are void, so every unresolved request waits again, except those flagged for an operator.
    /// `switched`: the open requests the switch-over has handled already (``Journal/switchedRequests()``).
    public init(districtCode: String, configuration: DeskConfiguration = DeskConfiguration(),
                counters: (requestNumber: Int64, eventSeq: Int64), unresolved: [StoredRequest],
                lastUpdates: [RequestID: Int] = [:], switched: Set<RequestID> = [],
                validate: @escaping SubmitValidator) {
        self.districtCode = districtCode
        self.switched = switched
        routing = RoutingPolicy(configuration: configuration)
        self.validate = validate
        nextNumber = counters.requestNumber + 1
        nextSeq = counters.eventSeq + 1
        for stored in unresolved {
            jobs[stored.id] = Job(stored: stored, lastUpdate: lastUpdates[stored.id] ?? 0)
            if !stored.needsAttention { enqueue(stored) }
        }
    }

    /// Requests accepted and not yet resolved.
    public var openCount: Int { jobs.count }

    /// Requests waiting for a worker in `ward`.
    public func waitingCount(ward: WardCode) -> Int { waiting[ward]?.count ?? 0 }

    mutating func enqueue(_ stored: StoredRequest, notBefore: Double = 0) {
        waiting[stored.ward, default: WardQueue()].append(.init(
            id: stored.id, number: stored.number, createdAt: stored.createdAt, isPriority: stored.isPriority,
            notBefore: notBefore))
    }

    /// Wards with requests waiting.
    public var wardsWithWork: [WardCode] {
        let wards = waiting.filter { !$0.value.isEmpty }.map(\.key)
        guard !notices.isEmpty else { return wards }
        return wards + notices.keys.filter { !wards.contains($0) }
    }

    // MARK: submit

    /// Handles an `xk.submit` body. `existingID` looks an idempotency key up in the journal; when it
    /// throws, the submission is refused as retryable rather than risk giving one citizen's request a
    /// second id.
    public mutating func submit(_ body: [UInt8], now: Double, existingID: (String) throws -> RequestID?) -> DeskReply {
        let accepted: AcceptedRequest
        switch validate(body) {
        case .failure(let refusal): return .body(refusal.json)
        case .success(let value): accepted = value
        }
        if let key = accepted.idempotencyKey {
            let known: RequestID?
            do {
                known = try keysInBatch[key] ?? existingID(key)
            } catch {
                return .body(WireError(.storeUnavailable, "the journal could not be searched for this request's "
                    + "idempotency key, so nothing was stored; send it again in a moment (\(error))").json)
            }
            if let id = known { return .body(SubmitAnswer(id: id, duplicate: true).json) }
        }
        let number = nextNumber
        nextNumber += 1
        let id = RequestID("\(districtCode)-\(Self.sevenDigits(number))")
        let stored = StoredRequest(
            id: id, number: number, ward: accepted.ward, procedure: accepted.procedure, field: accepted.field,
            isPriority: accepted.isPriority, idempotencyKey: accepted.idempotencyKey, body: accepted.body,
            state: .triaged, attempts: 0, needsAttention: false, outcome: nil, createdAt: now, unit: accepted.unit)
        batch.inserts.append(stored)
        if let key = accepted.idempotencyKey { keysInBatch[key] = id }
        jobs[id] = Job(stored: stored)
        enqueue(stored)
        var detail = accepted.facts
        detail.procedure = accepted.procedure
        detail.field = accepted.field
        detail.priority = accepted.isPriority
        record(stored, .accepted, now: now, detail: detail)
        return .body(SubmitAnswer(id: id, duplicate: false).json)
    }

    /// `number` with leading zeros to seven digits, as `%07lld` writes it (Foundation's `String(format:)` cost
    /// microseconds per accepted request on the dispatcher's thread).
    static func sevenDigits(_ number: Int64) -> String {
        let digits = String(number)
        return digits.count >= 7 || number < 0 ? digits : String(repeating: "0", count: 7 - digits.count) + digits
    }

    /// Call after the batch committed (or was dropped): idempotency keys are then in the journal.
    public mutating func takeBatch() -> JournalBatch {
        defer {
            batch = JournalBatch()
            keysInBatch.removeAll(keepingCapacity: true)
        }
        return batch
    }

    // MARK: journaling

    mutating func record(_ stored: StoredRequest, _ kind: EventKind, now: Double, detail: EventDetail = EventDetail()) {
        batch.events.append(JournalEvent(
            seq: nextSeq, requestID: stored.id, ward: stored.ward, at: now, kind: kind, state: stored.state,
            detail: detail.isEmpty ? nil : detail, unit: stored.unit))
        nextSeq += 1
        // An accepted request's row is this batch's newest insert (`submit` appends it just before), so it is
        // looked for there first: scanning every insert for it made a large batch quadratic.
        if kind != .accepted
            || (batch.inserts.last?.id != stored.id && !batch.inserts.contains(where: { $0.id == stored.id })) {
            batch.updates[stored.id] = .init(state: stored.state, attempts: stored.attempts,
                                             needsAttention: stored.needsAttention, outcome: stored.outcome)
        }
    }
}
