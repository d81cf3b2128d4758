import Foundation
import XungKich
import XungKichWire

/// The ward worker's control endpoint: ``ControlCommand``s from `xk cases`, `xk case …` and `xk team …`,
/// turned into ``CaseBook`` calls. Phone numbers leave masked; notes and names stay for the ward's teams.
public enum TeamCommands {
    public static func handle(_ body: [UInt8], book: CaseBook) async -> [UInt8] {
        let command: ControlCommand
        do {
            command = try WireJSON.decode(ControlCommand.self, from: body)
        } catch {
            return error.json
        }
        switch command.command {
        case .memberAdd:
            guard let name = command.member, TeamMember.isValidName(name) else {
                return WireError(.invalidRequest, "a member's login is 2 to 40 letters, digits, dots, dashes or underscores",
                                 problems: [.init(field: "member", message: "is missing or not a login name")]).json
            }
            guard let team = command.team else { return missing("team", "\"member-add\" needs the member's team") }
            guard let hash = command.passwordHash, hash.hasPrefix("$2") else {
                return missing("passwordHash", "\"member-add\" needs the bcrypt hash of the member's password")
            }
            switch await book.addMember(TeamMember(name: name, team: team, passwordHash: hash)) {
            case .success: return WireJSON.encode(TeamAnswer(team: team, available: true))
            case .failure(let refusal): return refusal.wire.json
            }
        case .list:
            if let team = command.team, await !book.isTeamOfWard(team) {
                let known = await book.teamIDs.map(\.rawValue).joined(separator: ", ")
                return WireError(.notFound, "\(team) is not a team of this ward; its teams are \(known)").json
            }
            let rows = await book.list(team: command.team, state: command.state)
            return WireJSON.encode(CaseList(cases: rows.map { summary($0.0, request: $0.1) }))
        case .team:
            guard let team = command.team else { return missing("team", "\"team\" needs a team id") }
            let available = command.available ?? true
            guard await book.setAvailable(team, available) else {
                return WireError(.notFound, "\(team) is not a team of this ward").json
            }
            return WireJSON.encode(TeamAnswer(team: team, available: available))
        default:
            break
        }
        guard let id = command.id else { return missing("id", "\"\(command.command.rawValue)\" needs the case id") }
        let step: CaseCommand
        switch parse(command) {
        case .success(let parsed): step = parsed
        case .failure(let problem): return problem.json
        }
        switch await book.apply(step, to: id, member: command.member) {
        case .success(let item):
            return WireJSON.encode(CaseAnswer(case: summary(item, request: nil)))
        case .failure(let refusal):
            return refusal.wire.json
        }
    }

    /// The case step a command asks for; a missing argument is refused with what to give.
    public static func parse(_ o: ControlCommand) -> Result<CaseCommand, WireError> {
        func need(_ field: String, _ message: String) -> Result<CaseCommand, WireError> {
            .failure(WireError(.invalidRequest, message, problems: [.init(field: field, message: "is missing")]))
        }
        switch o.command {
        case .accept:
            guard let team = o.team else { return need("team", "accept needs --team") }
            return .success(.accept(team: team))
        case .decline:
            guard let team = o.team else { return need("team", "decline needs --team") }
            return .success(.decline(team: team))
        case .contact: return .success(.contact(note: o.note))
        case .resume: return .success(.resume)
        case .guide: return .success(.guide)
        case .vneid: return .success(.vneid)
        case .wait:
            guard let reason = o.waitReason else {
                return need("waitReason", "wait needs --reason, one of " + WaitReason.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .success(.wait(reason: reason))
        case .refer:
            guard let to = o.to else { return need("to", "refer needs --to one-stop or --to police-vneid") }
            return .success(.refer(to: to))
        case .fail:
            guard let reason = o.failureReason else {
                return need("failureReason", "fail needs --reason, one of "
                    + FailureReason.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .success(.fail(reason: reason, note: o.note))
        case .submit:
            guard let mode = o.mode else { return need("mode", "submit needs --mode toan-trinh or --mode mot-phan") }
            return .success(.submit(mode: mode, legacyLevel: o.legacyLevel, dossiers: o.dossiers ?? [], portal: o.portal))
        case .list, .team, .memberAdd:
            return .failure(WireError(.unknownCommand, "\(o.command.rawValue) is not a case step"))
        }
    }

    /// A case as team members see it: the citizen's name as given, the phone masked.
    static func summary(_ item: WardCase, request: Data?) -> CaseSummary {
        var summary = CaseSummary(id: item.id, state: item.state, procedure: item.procedure, field: item.field,
                                  createdAt: item.createdAt, team: item.team, waitReason: item.waitReason,
                                  outcome: item.resolution?.outcome)
        if let request, !request.isEmpty, let help = try? WireJSON.decode(HelpRequest.self, from: [UInt8](request)) {
            if let citizen = help.citizen {
                summary.citizen = CaseSummary.Citizen(name: citizen.shortName, phone: citizen.phone.map(PhoneMask.mask),
                                                      ageBand: citizen.ageBand)
            }
            summary.deadline = help.priority.deadline
            summary.priority = help.isPriority ? true : nil
        }
        return summary
    }

    private static func missing(_ field: String, _ message: String) -> [UInt8] {
        WireError(.invalidRequest, message, problems: [.init(field: field, message: "is missing")]).json
    }
}

extension CaseError {
    /// The refusal as the control endpoint answers it: a store failure is retryable, anything else is a
    /// step that does not fit the case.
    var wire: WireError {
        switch storeFailure {
        case .diskFull?: WireError(.diskFull, message)
        case .some: WireError(.storeUnavailable, message)
        case nil: WireError(message.hasPrefix("no case") ? .notFound : .conflict, message)
        }
    }
}
