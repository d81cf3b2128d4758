import Foundation
import XungKich
import XungKichWire

/// The dispatcher's notices (``WardNotice``): cancellations close cases, erasures remove personal data. Each
/// listed case this ward holds is changed and saved; ids it never had count as done. The answer lists what is
/// done, so a case that could not be saved is left out and the dispatcher sends its notice again.
extension CaseBook {
    func handleNotice(_ body: [UInt8]) async -> [UInt8] {
        let notice: WardNotice
        do {
            notice = try WireJSON.decode(WardNotice.self, from: body)
        } catch {
            logger.error("notice from the dispatcher could not be read", metadata: ["error": "\(error)"])
            return error.json
        }
        var answer = WardNoticeAnswer()
        if let ids = notice.cancel { answer.cancelled = await cancel(ids) }
        if let ids = notice.erase { answer.erased = await erase(ids, who: "dispatcher", action: "erase-notice") }
        if let ids = notice.withdraw { answer.withdrawn = await withdraw(ids) }
        return WireJSON.encode(answer)
    }

    /// Closes each open case of `ids` as CANCELLED; the delivery waiting on it is answered, so the dispatcher
    /// gets its credit back. Returns the ids done.
    func cancel(_ ids: [RequestID]) async -> [RequestID] {
        await eachHeld(ids, failure: "the cancellation will be tried again") { id, item in
            let now = Date().timeIntervalSince1970
            guard item.cancel(now: now) else { return }
            try await save(item, request: requests[id] ?? Data())
            cases[id] = item
            let final = WorkerReport(state: .cancelled, team: item.team, at: now).json
            for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: final) }
            progressSinks.removeValue(forKey: id)
            logger.notice("case cancelled by the district", metadata: ["case": "\(id)", "team": "\(item.team?.rawValue ?? "-")"])
        }
    }

    /// Forgets each open case of `ids` (requeued by an officer after this ward lost it): a later delivery opens it
    /// afresh. A resolved case is kept (its outcome is the ward's record). Returns the ids done.
    func withdraw(_ ids: [RequestID]) async -> [RequestID] {
        await eachHeld(ids, failure: "the withdrawal will be tried again") { id, item in
            guard item.isOpen else { return }
            try await store.delete(id: id)
            cases.removeValue(forKey: id)
            requests.removeValue(forKey: id)
            let giveBack = WorkerReport.giveBack.json
            for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: giveBack) }
            progressSinks.removeValue(forKey: id)
            logger.notice("case withdrawn: requeued by the district", metadata: ["case": "\(id)"])
        }
    }

    /// Runs `change` on each case of `ids` this ward holds, one at a time under the case's lock; returns the ids
    /// done, counting those it never had. A change that throws (its save failed) is logged and left out, so the
    /// dispatcher's notice comes again.
    func eachHeld(_ ids: [RequestID], failure: String,
                  _ change: (RequestID, inout WardCase) async throws -> Void) async -> [RequestID] {
        var done: [RequestID] = []
        for id in ids {
            await lock(id)
            defer { unlock(id) }
            guard var item = cases[id] else {
                done.append(id)
                continue
            }
            do {
                try await change(id, &item)
                done.append(id)
            } catch {
                logger.critical("case store write failed; \(failure)", metadata: ["case": "\(id)", "error": "\(error)"])
            }
        }
        return done
    }
}
