import Foundation

/// What a ward worker reports in a PARTIAL or FINAL body: a JSON object with `state` (a case
/// update) or `outcome` (the resolution), plus details. Only known, non-personal keys are kept for
/// the journal's events.
struct WorkerUpdate {
    var state: String?
    var outcome: String?
    /// The ward gave the request back (every team declined it): dispatch it again.
    var declined = false
    /// The worker's number for this update (1, 2, …), so an update replayed after a restart is journaled once.
    var number: Int?
    var detail: [String: Any]

    static let outcomes: Set<String> = [
        "SUBMITTED_FULL_ONLINE", "SUBMITTED_PARTIAL_ONLINE", "VNEID_ONLY", "GUIDED_ONLY", "REFERRED_ONE_STOP",
        "REFERRED_POLICE_VNEID", "FAILED", "CANCELLED", "DUPLICATE", "OUT_OF_SCOPE",
    ]
    static let states: Set<String> = ["ASSIGNED", "ACCEPTED", "IN_PROGRESS", "WAITING_CITIZEN", "TRIAGED"]
    static let keptKeys: Set<String> = [
        "state", "outcome", "failureReason", "waitReason", "mode", "legacyLevel", "dossiers", "portal", "team",
        "referredTo", "declined", "update",
    ]

    /// Nil when the body is not a JSON object with a known `state` or `outcome`.
    static func parse(_ body: [UInt8]) -> WorkerUpdate? {
        guard let object = DeskJSON.parseObject(body) else { return nil }
        let outcome = (object["outcome"] as? String).flatMap { outcomes.contains($0) ? $0 : nil }
        let state = (object["state"] as? String).flatMap { states.contains($0) ? $0 : nil }
        let declined = object["declined"] as? Bool ?? false
        guard outcome != nil || state != nil || declined else { return nil }
        return WorkerUpdate(state: state, outcome: outcome, declined: declined,
                            number: (object["update"] as? NSNumber)?.intValue,
                            detail: object.filter { keptKeys.contains($0.key) })
    }
}
