import XungKich
import XungKichWire

/// How one dispatcher event changes a request's fact: a pure function, so the same events give the same
/// facts in every store, and replaying them in order is all a rebuild needs.
public enum FactFolder {
    /// Folds `event` into `fact` (which must be the fact of the event's district and request).
    ///
    /// - `accepted` sets what the request is (procedure, field, channel, age band, group, citizen key) and when
    ///   it was received; a later event's state is kept if it arrived first.
    /// - `delivered`/`overflow` set the first assignment time; the first `progress` to IN_PROGRESS sets the first
    ///   contact. A `progress` to ASSIGNED naming another team counts a new assignment, and the team that held
    ///   the case is counted as having declined it; a `declined` event (the ward gave the case back) counts the
    ///   holding team as declining too.
    /// - WAITING_CITIZEN pauses the resolution clock until the next state change (domain rule).
    /// - `resolved` sets the outcome and its details; the number of dossiers filed is the length of the
    ///   event's dossier list.
    /// - Kinds this release does not know still move the request's state and team, if they carry them.
    public static func fold(_ event: WireEvent, into fact: inout RequestFact) {
        let detail = event.detail ?? EventDetail()
        let team = detail.team.flatMap { $0.isEmpty ? nil : $0.rawValue }
        if let since = fact.waitingSince, event.kind != .accepted, event.state != .waitingCitizen {
            fact.waitedSeconds += max(0, event.at - since)
            fact.waitingSince = nil
        }
        switch event.kind {
        case .accepted:
            if let unit = event.unit { fact.ward = unit.text } else if let ward = event.ward, !ward.isEmpty { fact.ward = ward.rawValue }
            fact.procedure = detail.procedure
            fact.field = detail.field
            fact.channel = detail.channel?.rawValue
            fact.helpType = detail.helpType?.rawValue
            fact.ageBand = detail.ageBand?.rawValue
            fact.residentialGroup = detail.residentialGroup
            fact.citizen = detail.citizen
            fact.priority = detail.priority
            fact.receivedAt = event.at
            fact.state = fact.state ?? (event.state ?? .triaged).rawValue
        case .resolved:
            fact.state = (event.state ?? .resolved).rawValue
            fact.resolvedAt = event.at
            fact.outcome = detail.outcome?.rawValue
            fact.failureReason = detail.failureReason?.rawValue
            fact.mode = detail.mode?.rawValue
            fact.legacyLevel = detail.legacyLevel
            fact.dossierCount = detail.dossiers?.count
            fact.team = team ?? fact.team
            if fact.assignments == 0, fact.team != nil { fact.assignments = 1 }
        case .declined:
            if let holder = fact.team { fact.declinedBy.append(holder) }
            fact.team = nil
            fact.state = event.state?.rawValue ?? fact.state
        default:
            let state = event.state ?? (event.kind == .cancelled ? .cancelled : nil)
            if event.kind == .delivered || event.kind == .overflow {
                fact.firstAssignedAt = fact.firstAssignedAt ?? event.at
            }
            if event.kind == .progress {
                foldProgress(to: state, team: team, at: event.at, into: &fact)
            }
            fact.state = state?.rawValue ?? fact.state
            fact.team = team ?? fact.team
        }
    }

    /// A worker's case update: first contact, the citizen's waits, and who holds the case.
    private static func foldProgress(to state: RequestState?, team: String?, at time: Double, into fact: inout RequestFact) {
        if state == .inProgress { fact.firstContactAt = fact.firstContactAt ?? time }
        if state == .waitingCitizen { fact.waitingSince = fact.waitingSince ?? time }
        if state == .assigned, let team {
            // Offered to another team while still only assigned: the holder passed it on.
            if let holder = fact.team, holder != team, fact.currentState == .assigned {
                fact.declinedBy.append(holder)
            }
            if team != fact.team || fact.currentState != .assigned { fact.assignments += 1 }
        } else if team != nil, fact.assignments == 0 {
            fact.assignments = 1
        }
    }
}
