import Foundation
import XungKich
import XungKichWire

extension WardCase {
    /// Applies a team member's command: checks it against the state, updates the case, appends a
    /// history event and says what to tell the dispatcher. A refused command changes nothing.
    ///
    /// - Throws: ``CaseError`` naming the case's state and what to do instead.
    public mutating func apply(_ command: CaseCommand, now: Double) throws(CaseError) -> CaseChange {
        if state == .cancelled {
            throw refusal("was CANCELLED by the district (xk cancel); nothing more is to be done for this request. "
                + "If the citizen still needs help, the help desk files a new request")
        }
        if state == .resolved {
            let outcome = resolution.map { " (\($0.outcome.rawValue))" } ?? ""
            throw refusal("is already RESOLVED\(outcome); nothing more can be recorded on it")
        }
        switch command {
        case let .accept(by):
            return try accept(by: by, now: now)
        case let .contact(note):
            try require([.accepted, .inProgress, .waitingCitizen], for: command)
            waitReason = nil
            return move(to: .inProgress, command, now: now, note: Self.clean(note))
        case let .wait(reason):
            try require([.inProgress, .waitingCitizen], for: command)
            waitReason = reason
            return move(to: .waitingCitizen, command, now: now, note: reason.rawValue)
        case .resume:
            if state == .inProgress {
                throw refusal("is IN_PROGRESS, not waiting on the citizen; there is nothing to resume")
            }
            try require([.waitingCitizen], for: command)
            waitReason = nil
            return move(to: .inProgress, command, now: now)
        case let .decline(by):
            return try decline(by: by, now: now)
        case .submit, .guide, .vneid, .refer, .fail:
            try require([.inProgress, .waitingCitizen], for: command)
            let resolved = try resolution(for: command)
            return resolve(resolved, command, now: now)
        }
    }

    /// Gives the case to `team` (state ASSIGNED): a new assignment after a decline, or a
    /// reassignment before anyone accepted it. The caller picks the team (``TeamAssigner``).
    ///
    /// - Throws: ``CaseError`` once a team has accepted the case.
    public mutating func assign(to team: TeamID, now: Double) throws(CaseError) {
        guard state == .triaged || state == .assigned else {
            throw refusal("is \(stateText); it can only be reassigned before a team accepts it"
                + (self.team.map { " (ask \($0) to decline it: xk case decline \(id) --team \($0))" } ?? ""))
        }
        self.team = team
        state = .assigned
        history.append(CaseEvent(at: now, kind: "assigned", state: .assigned, team: team))
    }

    // MARK: - Steps

    private mutating func accept(by: TeamID, now: Double) throws(CaseError) -> CaseChange {
        if state == .accepted {
            throw refusal("is ACCEPTED by \(team ?? "a team") already; contact the citizen next (xk case contact \(id))")
        }
        try require([.assigned], for: .accept(team: by))
        guard let assigned = team, assigned == by else {
            throw refusal("is assigned to \(team ?? "no team"), not \(by); only the assigned team can accept it")
        }
        return move(to: .accepted, .accept(team: by), now: now)
    }

    private mutating func decline(by: TeamID, now: Double) throws(CaseError) -> CaseChange {
        let command = CaseCommand.decline(team: by)
        if state == .inProgress || state == .waitingCitizen {
            throw refusal("is \(stateText); the citizen has been contacted, so it can no longer be declined. "
                + "Record how it ended instead, e.g. xk case refer \(id) --to one-stop or xk case fail \(id) --reason CODE")
        }
        try require([.assigned, .accepted], for: command)
        guard let assigned = team, assigned == by else {
            throw refusal("is assigned to \(team ?? "no team"), not \(by); only the assigned team can decline it")
        }
        team = nil
        state = .triaged
        history.append(CaseEvent(at: now, kind: command.name, state: .triaged, team: by))
        return .declined(team: by)
    }

    private mutating func move(to next: RequestState, _ command: CaseCommand, now: Double, note: String? = nil) -> CaseChange {
        state = next
        history.append(CaseEvent(at: now, kind: command.name, state: next, team: team, note: note))
        return .progress(WorkerReport(state: next, team: team, waitReason: waitReason))
    }

    private mutating func resolve(_ resolved: Resolution, _ command: CaseCommand, now: Double) -> CaseChange {
        state = .resolved
        waitReason = nil
        resolution = resolved
        history.append(CaseEvent(at: now, kind: command.name, state: .resolved, team: team, note: resolved.note))
        return .resolved(resolved)
    }

    // MARK: - Resolutions

    /// The validated resolution a resolving command records.
    private func resolution(for command: CaseCommand) throws(CaseError) -> Resolution {
        switch command {
        case let .submit(mode, legacyLevel, dossiers, portal):
            let codes = try checkedDossiers(dossiers)
            try checkLegacyLevel(legacyLevel, mode: mode)
            return Resolution(outcome: mode.outcome, mode: mode, legacyLevel: legacyLevel,
                              dossiers: codes, portal: Self.clean(portal), team: team)
        case .guide:
            return Resolution(outcome: .guidedOnly, team: team)
        case .vneid:
            return Resolution(outcome: .vneidOnly, team: team)
        case let .refer(target):
            return Resolution(outcome: target.outcome, referredTo: target, team: team)
        case let .fail(reason, note):
            let note = Self.clean(note)
            if reason.requiresDetail && note == nil {
                throw refusal("cannot fail with reason OTHER without a note saying what went wrong "
                    + "(xk case fail \(id) --reason OTHER --note \"…\"), or pick a listed reason: "
                    + FailureReason.allCases.filter { !$0.requiresDetail }.map(\.rawValue).joined(separator: ", "))
            }
            return Resolution(outcome: .failed, failureReason: reason, team: team, note: note)
        case .accept, .contact, .wait, .resume, .decline:
            throw refusal("\(command.name) does not resolve a case")
        }
    }

    /// Trimmed, de-duplicated dossier codes, each of the official shape; at least one.
    private func checkedDossiers(_ dossiers: [String]) throws(CaseError) -> [String] {
        var codes: [String] = []
        for raw in dossiers {
            let code = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard DossierCode.isValid(code) else {
                throw refusal("cannot be submitted: dossier code \"\(raw)\" is not shaped like \(DossierCode.example) "
                    + "(unit 000.00.00.A00, date YYMMDD, 4-digit number); copy it from the portal's receipt")
            }
            if !codes.contains(code) { codes.append(code) }
        }
        guard !codes.isEmpty else {
            throw refusal("cannot be submitted without a dossier code; add --dossier CODE "
                + "(shaped like \(DossierCode.example)) for each dossier filed")
        }
        return codes
    }

    /// A legacy level must be 3 or 4 and agree with the mode (4 toàn trình, 3 một phần).
    private func checkLegacyLevel(_ level: Int?, mode: SubmissionMode) throws(CaseError) {
        guard let level else { return }
        guard level == 3 || level == 4 else {
            throw refusal("cannot be submitted with legacy level \(level): only 3 (một phần) and 4 (toàn trình) "
                + "are online submissions; use --legacy-level \(mode.legacyLevel) or leave it out")
        }
        guard level == mode.legacyLevel else {
            throw refusal("cannot be submitted with legacy level \(level) and mode \(mode.rawValue): "
                + "\(mode.rawValue) is level \(mode.legacyLevel); use --legacy-level \(mode.legacyLevel), "
                + "--mode \(level == 4 ? SubmissionMode.fullProcess.rawValue : SubmissionMode.partial.rawValue), "
                + "or leave the level out")
        }
    }

    // MARK: - Refusals

    /// Throws unless the case is in one of `states`, saying what to do first.
    private func require(_ states: Set<RequestState>, for command: CaseCommand) throws(CaseError) {
        guard !states.contains(state) else { return }
        let doing = Self.gerund(command)
        switch state {
        case .assigned:
            let team = team ?? "N"
            throw refusal("is ASSIGNED to \(team) and not accepted yet; accept it first "
                + "(xk case accept \(id) --team \(team)) before \(doing)")
        case .accepted:
            throw refusal("is ACCEPTED; contact the citizen first (xk case contact \(id)) before \(doing)")
        case .inProgress, .waitingCitizen:
            let next = state == .waitingCitizen
                ? "resume it (xk case resume \(id)) or record how it ended"
                : "put it on hold (xk case wait \(id) --reason R) or record how it ended"
            throw refusal("is \(stateText); it is past \(doing), so \(next) "
                + "(xk case submit|guide|vneid|refer|fail \(id))")
        case .triaged:
            throw refusal("is TRIAGED with no team (declined); it must be assigned to a team again before \(doing)")
        case .new, .resolved, .closed, .cancelled:
            throw refusal("is \(stateText); nothing more can be recorded on it")
        }
    }

    private var stateText: String {
        state == .waitingCitizen ? "WAITING_CITIZEN (\(waitReason?.rawValue ?? "no reason"))" : state.rawValue
    }

    private func refusal(_ text: String) -> CaseError {
        CaseError(caseID: id, message: "case \(id) \(text)")
    }

    private static func gerund(_ command: CaseCommand) -> String {
        switch command {
        case .accept: "accepting"
        case .contact: "contacting the citizen"
        case .wait: "putting it on hold"
        case .resume: "resuming"
        case .submit: "submitting"
        case .guide: "recording guidance"
        case .vneid: "recording VNeID help"
        case .refer: "referring"
        case .fail: "recording a failure"
        case .decline: "declining"
        }
    }

    /// Trimmed text, nil when empty.
    private static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }
}
