import XungKich
import XungKichWire

extension DispatchDesk {
    /// Handles an `xk.admin` body (``AdminCommand``): requeue, cancel or attention.
    public mutating func admin(_ body: [UInt8], now: Double) -> DeskReply {
        let command: AdminCommand
        do {
            command = try WireJSON.decode(AdminCommand.self, from: body)
        } catch {
            return .body(error.json)
        }
        if command.command == .attention { return .attention }
        guard let id = command.id else {
            return .body(WireError(.invalidRequest, "\"\(command.command.rawValue)\" needs an \"id\" field",
                                   problems: [.init(field: "id", message: "is missing")]).json)
        }
        switch command.command {
        case .requeue: return .body(requeue(id, now: now))
        case .cancel: return .body(cancel(id, now: now))
        case .attention: return .attention
        }
    }

    /// Gives a request a fresh set of attempts and puts it back in its ward's queue.
    mutating func requeue(_ id: RequestID, now: Double) -> [UInt8] {
        guard var job = jobs[id] else { return notOpen(id) }
        guard job.tag == nil else {
            return WireError(.conflict, "\(id) is with a ward worker right now; nothing to requeue").json
        }
        job.stored.attempts = 0
        job.stored.needsAttention = false
        job.stored.state = .triaged
        jobs[id] = job
        if !(waiting[job.stored.ward]?.contains(id: id) ?? false) { enqueue(job.stored) }
        record(job.stored, .requeued, now: now)
        return WireJSON.encode(AdminAnswer(id: id, state: job.stored.state.rawValue))
    }

    /// Withdraws an open request. A worker that still holds it may finish; its answer is ignored.
    mutating func cancel(_ id: RequestID, now: Double) -> [UInt8] {
        guard var job = jobs.removeValue(forKey: id) else { return notOpen(id) }
        if let tag = job.tag { byTag.removeValue(forKey: tag) }
        waiting[job.stored.ward]?.remove(id: id)
        job.stored.state = .cancelled
        job.stored.outcome = .cancelled
        job.stored.needsAttention = false
        record(job.stored, .cancelled, now: now)
        return WireJSON.encode(AdminAnswer(id: id, state: job.stored.state.rawValue))
    }

    private func notOpen(_ id: RequestID) -> [UInt8] {
        WireError(.notFound, "\(id) is not an open request (unknown, resolved or cancelled); see xk status \(id)").json
    }
}
