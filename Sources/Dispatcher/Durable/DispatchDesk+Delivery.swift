import Foundation

extension DispatchDesk {
    /// One delivery for the broker to make to `ward.<ward>`.
    public struct Delivery: Sendable, Equatable {
        public var ward: String
        public var tag: UInt64
        public var body: [UInt8]
    }

    /// Picks the next requests for `ward`, as many as `spare` allows: priority ones first (elderly,
    /// disability, deadline), and any request older than the ageing threshold counts as priority, so
    /// none starves; then oldest first.
    ///
    /// With `via`, the requests go to a neighbouring ward's workers instead (overflow), recorded as such.
    public mutating func deliveries(ward: String, spare: Int, now: Double, via neighbour: String? = nil) -> [Delivery] {
        guard spare > 0, waiting[ward]?.isEmpty == false, var queue = waiting.removeValue(forKey: ward) else { return [] }
        // Taken out of the table while it changes, so its queues are not copied on write.
        defer { waiting[ward] = queue }
        var out: [Delivery] = []
        while out.count < spare, let entry = queue.popNext(now: now, agingThreshold: configuration.agingThreshold) {
            guard var job = jobs[entry.id] else { continue }
            let tag = nextTag
            nextTag += 1
            job.tag = tag
            job.stored.attempts += 1
            job.stored.state = "ASSIGNED"
            jobs[entry.id] = job
            byTag[tag] = entry.id
            if let neighbour {
                record(job.stored, "overflow", now: now, detail: ["attempt": job.stored.attempts, "to": neighbour])
            } else {
                record(job.stored, "delivered", now: now, detail: ["attempt": job.stored.attempts])
            }
            out.append(Delivery(ward: neighbour ?? ward, tag: tag,
                                body: DeskJSON.delivery(id: entry.id, attempt: job.stored.attempts, request: job.stored.body)))
        }
        return out
    }

    /// Whether `ward`'s waiting requests should be offered to its neighbours: it has had no worker
    /// for `overflowAfterNoWorker`, or its oldest waiting request is older than `overflowAge`.
    public func shouldOverflow(ward: String, now: Double, withoutWorkerFor: Double?) -> Bool {
        if let idle = withoutWorkerFor, idle >= configuration.overflowAfterNoWorker { return true }
        return waiting[ward]?.oldestCreatedAt.map { now - $0 >= configuration.overflowAge } ?? false
    }

    /// The neighbours configured for `ward`.
    public func neighbours(of ward: String) -> [String] { configuration.neighbours[ward] ?? [] }

    /// A worker's PARTIAL (a case update) or FINAL (the outcome) for a delivery.
    public mutating func reply(tag: UInt64, final: Bool, body: [UInt8], now: Double) {
        guard let id = byTag[tag], var job = jobs[id] else { return }
        guard let update = WorkerUpdate.parse(body) else {
            // Garbage from a worker must not lose the request: an operator looks at it.
            job.stored.needsAttention = final
            jobs[id] = job
            record(job.stored, final ? "invalid-final" : "invalid-update", now: now)
            if final { settle(id) }
            return
        }
        if final, update.declined {
            // Not a failed delivery: the ward had no team for it. Dispatch again, attempts unchanged
            // (the overflow rules then let a neighbour help).
            job.stored.attempts = max(0, job.stored.attempts - 1)
            job.stored.state = "TRIAGED"
            jobs[id] = job
            settle(id)
            enqueue(job.stored, notBefore: now + configuration.declinedRetry)
            record(job.stored, "declined", now: now, detail: update.detail)
        } else if final, let outcome = update.outcome {
            job.stored.state = "RESOLVED"
            job.stored.outcome = outcome
            record(job.stored, "resolved", now: now, detail: update.detail)
            settle(id)
            jobs.removeValue(forKey: id)
        } else if let state = update.state {
            if let number = update.number {
                guard number > job.lastUpdate else { return }  // replayed after a restart: journaled already
                job.lastUpdate = number
            }
            job.stored.state = state
            jobs[id] = job
            record(job.stored, "progress", now: now, detail: update.detail)
        }
    }

    /// The broker lost a delivery (its worker died or vanished): wait, then deliver again — or, after
    /// `maxAttempts`, put the request on the needs-attention list.
    public mutating func lost(tag: UInt64, now: Double) {
        guard let id = byTag.removeValue(forKey: tag), var job = jobs[id] else { return }
        job.tag = nil
        job.stored.state = "TRIAGED"
        if job.stored.attempts >= configuration.maxAttempts {
            job.stored.needsAttention = true
            jobs[id] = job
            record(job.stored, "attention", now: now, detail: ["attempts": job.stored.attempts])
            return
        }
        let retryIn = configuration.backoff(afterAttempt: job.stored.attempts)
        jobs[id] = job
        enqueue(job.stored, notBefore: now + retryIn)
        record(job.stored, "redelivery", now: now, detail: ["attempt": job.stored.attempts, "retryInSeconds": retryIn])
    }

    private mutating func settle(_ id: String) {
        if let tag = jobs[id]?.tag { byTag.removeValue(forKey: tag) }
        jobs[id]?.tag = nil
    }
}
