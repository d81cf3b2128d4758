/// How one dispatcher event changes a request's fact: a pure function, so the same events give the same
/// facts in every store, and replaying them in order is all a rebuild needs.
public enum FactFolder {
    /// Folds `event` into `fact` (which must have the event's district and request id).
    ///
    /// - `accepted` sets what the request is (procedure, field, channel, age band, group, citizen key) and when
    ///   it was received; a later event's state is kept if it arrived first.
    /// - `delivered`/`overflow` set the first assignment time; the first `progress` to IN_PROGRESS sets the first
    ///   contact. A `progress` to ASSIGNED naming another team counts a new assignment, and the team that held
    ///   the case is counted as having declined it; a `declined` event (the ward gave the case back) counts the
    ///   holding team as declining too.
    /// - WAITING_CITIZEN pauses the resolution clock until the next state change (domain rule).
    /// - `resolved` sets the outcome and its details.
    public static func fold(_ event: CoordinatorEvent, into fact: inout RequestFact) {
        let detail = event.detail
        let team = detail["team"].flatMap { $0.isEmpty ? nil : $0 }
        if let since = fact.waitingSince, event.kind != "accepted", event.state != "WAITING_CITIZEN" {
            fact.waitedSeconds += max(0, event.at - since)
            fact.waitingSince = nil
        }
        switch event.kind {
        case "accepted":
            fact.ward = event.ward
            fact.procedure = detail["procedure"]
            fact.field = detail["field"]
            fact.channel = detail["channel"]
            fact.helpType = detail["helpType"]
            fact.ageBand = detail["ageBand"]
            fact.residentialGroup = detail["residentialGroup"]
            fact.citizen = detail["citizen"]
            fact.priority = flag(detail["priority"])
            fact.receivedAt = event.at
            fact.state = fact.state ?? event.state ?? "TRIAGED"
        case "resolved":
            fact.state = event.state ?? "RESOLVED"
            fact.resolvedAt = event.at
            fact.outcome = detail["outcome"]
            fact.failureReason = detail["failureReason"]
            fact.mode = detail["mode"]
            fact.legacyLevel = integer(detail["legacyLevel"])
            fact.dossierCount = integer(detail["dossierCount"])
            fact.team = team ?? fact.team
            if fact.assignments == 0, fact.team != nil { fact.assignments = 1 }
        case "declined":
            if let holder = fact.team { fact.declinedBy.append(holder) }
            fact.team = nil
            fact.state = event.state ?? fact.state
        default:
            let state = event.state ?? (event.kind == "cancelled" ? "CANCELLED" : nil)
            if event.kind == "delivered" || event.kind == "overflow" {
                fact.firstAssignedAt = fact.firstAssignedAt ?? event.at
            }
            if event.kind == "progress" {
                if state == "IN_PROGRESS" { fact.firstContactAt = fact.firstContactAt ?? event.at }
                if state == "WAITING_CITIZEN" { fact.waitingSince = fact.waitingSince ?? event.at }
                if state == "ASSIGNED", let team {
                    if let holder = fact.team, holder != team, fact.state == "ASSIGNED" {
                        fact.declinedBy.append(holder)
                    }
                    if team != fact.team || fact.state != "ASSIGNED" { fact.assignments += 1 }
                } else if team != nil, fact.assignments == 0 {
                    fact.assignments = 1
                }
            }
            fact.state = state ?? fact.state
            fact.team = team ?? fact.team
        }
    }

    /// "1"/"true" → true, "0"/"false" → false, anything else → nil.
    static func flag(_ text: String?) -> Bool? {
        switch text?.lowercased() {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }

    static func integer(_ text: String?) -> Int? {
        guard let text else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value.rounded() == value { return Int(exactly: value) }
        return nil
    }
}
