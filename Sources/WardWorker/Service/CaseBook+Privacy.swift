import Foundation
import Storage
import XungKich
import XungKichWire

/// Erasing citizens' personal data at the ward: on the dispatcher's notice (a citizen's erasure request) and
/// when a resolved case's retention ends. The case's outcome and history stay (the statistics need them);
/// the citizen's name, phone and the request's note go, and so do the team's free-text notes.
extension CaseBook {
    /// Erases the resolved (or cancelled) cases last changed more than `days` ago; returns their ids.
    @discardableResult
    public func purge(days: Int, who: String) async throws(CaseStoreError) -> [RequestID] {
        let ids = try store.resolvedHoldingPersonalData(before: Date().timeIntervalSince1970 - Double(days) * 86_400)
        guard !ids.isEmpty else { return [] }
        return await erase(ids, who: who, action: "purge", detail: "retention \(days) days")
    }

    /// Erases the personal data of `ids`; returns those done (including ids this ward does not hold).
    func erase(_ ids: [RequestID], who: String, action: String, detail: String? = nil) async -> [RequestID] {
        do {
            try audit.append(AuditEntry(at: Date().timeIntervalSince1970, who: who, action: action,
                                        requests: ids.map(\.rawValue), detail: detail))
        } catch {
            logger.critical("audit log unwritable; erasure not done", metadata: ["error": "\(error)"])
            return []
        }
        let done = await eachHeld(ids, failure: "the erasure will be tried again") { id, item in
            for index in item.history.indices { item.history[index].note = nil }
            item.resolution?.note = nil
            var request = requests[id] ?? Data()
            if let help = try? WireJSON.decode(HelpRequest.self, from: [UInt8](request)) {
                request = Data(try WireJSON.encodeOrThrow(help.redacted))
            }
            try await store.erase(id: id, body: try JSONEncoder().encode(item), request: request, at: Date().timeIntervalSince1970)
            cases[id] = item
            requests[id] = request
        }
        if !done.isEmpty {
            logger.notice("personal data erased", metadata: ["action": "\(action)", "cases": "\(done.count)"])
        }
        return done
    }
}
