extension DispatchDesk {
    /// Handles an `xk.admin` body: `{"command": "requeue"|"cancel"|"attention", "id": "..."}`.
    public mutating func admin(_ body: [UInt8], now: Double) -> DeskReply {
        guard let object = DeskJSON.parseObject(body), let command = object["command"] as? String else {
            return .body(DeskJSON.error("body must be a JSON object with a \"command\" field"))
        }
        if command == "attention" { return .attention }
        guard let id = object["id"] as? String else {
            return .body(DeskJSON.error("\"\(command)\" needs an \"id\" field"))
        }
        switch command {
        case "requeue": return .body(requeue(id, now: now))
        case "cancel": return .body(cancel(id, now: now))
        default: return .body(DeskJSON.error("unknown command \"\(command)\"; use requeue, cancel or attention"))
        }
    }

    /// Gives a request a fresh set of attempts and puts it back in its ward's queue.
    mutating func requeue(_ id: String, now: Double) -> [UInt8] {
        guard var job = jobs[id] else {
            return DeskJSON.error("\(id) is not an open request (unknown, resolved or cancelled)")
        }
        guard job.tag == nil else { return DeskJSON.error("\(id) is with a ward worker right now; nothing to requeue") }
        job.stored.attempts = 0
        job.stored.needsAttention = false
        job.stored.state = "TRIAGED"
        jobs[id] = job
        if !(waiting[job.stored.ward]?.contains(id: id) ?? false) { enqueue(job.stored) }
        record(job.stored, "requeued", now: now)
        return DeskJSON.object(["id": id, "state": job.stored.state])
    }

    /// Withdraws an open request. A worker that still holds it may finish; its answer is ignored.
    mutating func cancel(_ id: String, now: Double) -> [UInt8] {
        guard var job = jobs.removeValue(forKey: id) else {
            return DeskJSON.error("\(id) is not an open request (unknown, resolved or cancelled)")
        }
        if let tag = job.tag { byTag.removeValue(forKey: tag) }
        waiting[job.stored.ward]?.remove(id: id)
        job.stored.state = "CANCELLED"
        job.stored.outcome = "CANCELLED"
        job.stored.needsAttention = false
        record(job.stored, "cancelled", now: now)
        return DeskJSON.object(["id": id, "state": job.stored.state])
    }
}
