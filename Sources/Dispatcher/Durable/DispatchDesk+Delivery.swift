import Foundation
import XungKich
import XungKichWire

extension DispatchDesk {
    /// One delivery for the broker to make to `ward.<ward>`.
    public struct Delivery: Sendable, Equatable {
        public var ward: WardCode
        public var tag: UInt64
        public var body: [UInt8]
    }

    /// Picks the next requests for `ward`, as many as `spare` allows: priority ones first (elderly,
    /// disability, deadline), and any request older than the ageing threshold counts as priority, so
    /// none starves; then oldest first.
    ///
    /// With `via`, the requests go to a neighbouring ward's workers instead (overflow), recorded as such.
    public mutating func deliveries(ward: WardCode, spare: Int, now: Double, via neighbour: WardCode? = nil) -> [Delivery] {
        guard spare > 0, waiting[ward]?.isEmpty == false, var queue = waiting.removeValue(forKey: ward) else { return [] }
        // Taken out of the table while it changes, so its queues are not copied on write.
        defer { waiting[ward] = queue }
        var out: [Delivery] = []
        while out.count < spare, let entry = queue.popNext(now: now, policy: routing) {
            guard var job = jobs[entry.id] else { continue }
            let tag = nextTag
            nextTag += 1
            job.tag = tag
            job.stored.attempts += 1
            job.stored.state = .assigned
            jobs[entry.id] = job
            byTag[tag] = entry.id
            var detail = EventDetail()
            detail.attempt = job.stored.attempts
            detail.to = neighbour
            record(job.stored, neighbour == nil ? .delivered : .overflow, now: now, detail: detail)
            // Only a request sent before can have a stale copy at another ward (a lost worker, a requeue).
            if job.stored.attempts > 1 || neighbour != nil { batch.redelivered.append((entry.id, neighbour ?? ward)) }
            out.append(Delivery(ward: neighbour ?? ward, tag: tag, body: WardDelivery.json(
                id: entry.id, attempt: job.stored.attempts, encodedRequest: job.stored.body)))
        }
        return out
    }

    /// Records how many workers `ward` has now (the routing policy's no-worker clock).
    public mutating func observeWorkers(ward: WardCode, count: Int, now: Double) {
        routing.observe(ward: ward, workers: count, now: now)
    }

    /// Whether `ward`'s waiting requests should be offered to its neighbours now (``RoutingPolicy``).
    public func shouldOverflow(ward: WardCode, now: Double) -> Bool {
        routing.shouldOverflow(ward: ward, oldestWaitingSince: waiting[ward]?.oldestCreatedAt, now: now)
    }

    /// The neighbours configured for `ward`.
    public func neighbours(of ward: WardCode) -> [WardCode] { routing.neighbours(of: ward) }

    /// A worker's PARTIAL (a case update) or FINAL (the outcome) for a delivery.
    public mutating func reply(tag: UInt64, final: Bool, body: [UInt8], now: Double) {
        if noticeTags[tag] != nil {
            if final { noticeAnswered(tag: tag, body: body, now: now) }
            return
        }
        guard let id = byTag[tag], var job = jobs[id] else { return }
        let update: WorkerReport
        do {
            update = try WireJSON.decode(WorkerReport.self, from: body)
            guard update.outcome != nil || update.declined == true
                || update.state.map(WorkerReport.progressStates.contains) == true
            else { throw WireError(.invalidRequest, "neither a progress state, an outcome nor declined") }
        } catch {
            // Garbage from a worker must not lose the request: an operator looks at it.
            job.stored.needsAttention = final
            jobs[id] = job
            record(job.stored, final ? .invalidFinal : .invalidUpdate, now: now)
            if final { settle(id) }
            return
        }
        // The time the team acted, as the ward stamped it: within [accepted, now], since clocks differ.
        let actedAt = update.at.map { min(max($0, job.stored.createdAt), now) } ?? now
        if final, update.declined == true {
            // Not a failed delivery: the ward had no team for it. Dispatch again, attempts unchanged
            // (the overflow rules then let a neighbour help).
            job.stored.attempts = max(0, job.stored.attempts - 1)
            job.stored.state = .triaged
            jobs[id] = job
            settle(id)
            // Flagged for an operator (a split unit's request, at the switch-over): it waits for them instead.
            if !job.stored.needsAttention { enqueue(job.stored, notBefore: routing.declinedRetryAt(now: now)) }
            record(job.stored, .declined, now: now, detail: EventDetail(report: update))
        } else if final, let outcome = update.outcome {
            job.stored.state = .resolved
            job.stored.outcome = outcome
            job.stored.needsAttention = false  // a team finished it: nothing left for an operator
            record(job.stored, .resolved, now: actedAt, detail: EventDetail(report: update))
            settle(id)
            jobs.removeValue(forKey: id)
        } else if let state = update.state {
            if let number = update.update {
                guard number > job.lastUpdate else { return }  // replayed after a restart: journaled already
                job.lastUpdate = number
            }
            job.stored.state = state
            jobs[id] = job
            record(job.stored, .progress, now: actedAt, detail: EventDetail(report: update))
        }
    }

    /// The broker lost a delivery (its worker died or vanished): wait, then deliver again — or, after
    /// `maxAttempts`, put the request on the needs-attention list.
    public mutating func lost(tag: UInt64, now: Double) {
        if noticeTags[tag] != nil { return noticeLost(tag: tag, now: now) }
        guard let id = byTag.removeValue(forKey: tag), var job = jobs[id] else { return }
        job.tag = nil
        job.stored.state = .triaged
        var detail = EventDetail()
        // Flagged for an operator while a team held it (a split unit's request, at the switch-over): not sent again.
        guard !job.stored.needsAttention, case .redeliver(let retryIn) = routing.afterLoss(attempts: job.stored.attempts) else {
            job.stored.needsAttention = true
            jobs[id] = job
            detail.attempts = job.stored.attempts
            record(job.stored, .attention, now: now, detail: detail)
            return
        }
        jobs[id] = job
        enqueue(job.stored, notBefore: now + retryIn)
        detail.attempt = job.stored.attempts
        detail.retryInSeconds = retryIn
        record(job.stored, .redelivery, now: now, detail: detail)
    }

    private mutating func settle(_ id: RequestID) {
        if let tag = jobs[id]?.tag { byTag.removeValue(forKey: tag) }
        jobs[id]?.tag = nil
    }
}
