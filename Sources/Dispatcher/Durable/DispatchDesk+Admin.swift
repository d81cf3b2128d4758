import XungKich
import XungKichWire

extension DispatchDesk {
    /// Handles an `xk.admin` body (``AdminCommand``): requeue, cancel or attention.
    public mutating func admin(_ body: [UInt8], now: Double, who: String? = nil) -> DeskReply {
        let command: AdminCommand
        do {
            command = try WireJSON.decode(AdminCommand.self, from: body)
        } catch {
            return .body(error.json)
        }
        switch command.command {
        case .attention: return .attention
        case .purge:
            if let days = command.days, days < 0 {
                return .body(WireError(.invalidRequest, "\"days\" must be 0 or more",
                                       problems: [.init(field: "days", message: "is negative")]).json)
            }
            return .purge(days: command.days, who: who)
        case .eraseCitizen:
            guard let phone = command.phone, let normal = PhoneNumber.normalised(phone) else {
                return .body(WireError(.invalidRequest, "\"erase-citizen\" needs the citizen's phone, e.g. 0912345678",
                                       problems: [.init(field: "phone", message: "is missing or not a Vietnamese phone number")]).json)
            }
            return .eraseCitizen(phone: normal, who: who)
        case .switch:
            guard let at = command.at, at.isFinite else {
                return .body(WireError(.invalidRequest, "\"switch\" needs \"at\", the instant the new units take over (seconds since 1970)",
                                       problems: [.init(field: "at", message: "is missing")]).json)
            }
            return .body(WireJSON.encode(switchUnits(at: at, now: now)))
        case .requeue, .cancel: break
        }
        guard let id = command.id else {
            return .body(WireError(.invalidRequest, "\"\(command.command.rawValue)\" needs an \"id\" field",
                                   problems: [.init(field: "id", message: "is missing")]).json)
        }
        switch command.command {
        case .requeue: return .body(requeue(id, to: command.to, now: now))
        case .cancel: return .body(cancel(id, now: now))
        case .attention, .purge, .eraseCitizen, .switch: return .attention  // handled above
        }
    }

    /// Gives a request a fresh set of attempts and puts it back in its ward's queue — or, with `to`, in another
    /// ward's from now on (an operator placing the request of a split unit; its filed unit is kept).
    mutating func requeue(_ id: RequestID, to: WardCode? = nil, now: Double) -> [UInt8] {
        guard var job = jobs[id] else { return notOpen(id) }
        guard job.tag == nil else {
            return WireError(.conflict, "\(id) is with a ward worker right now; nothing to requeue").json
        }
        var detail = EventDetail()
        if let to, to != job.stored.ward {
            let known = configuration.wards.isEmpty ? to.rawValue.count == 5 && to.rawValue.allSatisfy(\.isNumber)
                : configuration.wards.contains(to)
            guard known else {
                return WireError(.invalidRequest, "\(to) is not a unit of this dispatcher's config; give the 5-digit code of the unit to send it to",
                                 problems: [.init(field: "to", message: "unknown unit")]).json
            }
            waiting[job.stored.ward]?.remove(id: id)
            job.stored.ward = to
            batch.moves[id] = to
            detail.to = to
        }
        job.stored.attempts = 0
        job.stored.needsAttention = false
        job.stored.state = .triaged
        jobs[id] = job
        if !(waiting[job.stored.ward]?.contains(id: id) ?? false) { enqueue(job.stored) }
        record(job.stored, .requeued, now: now, detail: detail)
        return WireJSON.encode(AdminAnswer(id: id, state: job.stored.state.rawValue))
    }

    /// Withdraws an open request. Every ward that was sent it is told to close it (``WardNotice``); a worker's
    /// later answer is ignored.
    mutating func cancel(_ id: RequestID, now: Double) -> [UInt8] {
        guard var job = jobs.removeValue(forKey: id) else { return notOpen(id) }
        if let tag = job.tag { byTag.removeValue(forKey: tag) }
        waiting[job.stored.ward]?.remove(id: id)
        job.stored.state = .cancelled
        job.stored.outcome = .cancelled
        job.stored.needsAttention = false
        record(job.stored, .cancelled, now: now)
        batch.cancelled.append(id)
        return WireJSON.encode(AdminAnswer(id: id, state: job.stored.state.rawValue))
    }

    private func notOpen(_ id: RequestID) -> [UInt8] {
        WireError(.notFound, "\(id) is not an open request (unknown, resolved or cancelled); see xk status \(id)").json
    }
}
