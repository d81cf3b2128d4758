import Foundation
import XungKich

/// The JSON protocol of the ward worker's control endpoint: what `xk cases` and `xk case …` send,
/// turned into `CaseBook` calls. Phone numbers leave masked; notes and names stay for the ward's teams.
public enum TeamCommands {
    public static func handle(_ body: [UInt8], book: CaseBook) async -> [UInt8] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let name = object["command"] as? String
        else { return error("the command must be a JSON object with a \"command\" field") }
        if name == "list" {
            let rows = await book.list(team: object["team"] as? String, state: object["state"] as? String)
            return CaseJSON.object(["cases": rows.map { summary($0.0, request: $0.1) }])
        }
        if name == "team" {
            guard let team = object["team"] as? String else { return error("\"team\" needs a team id") }
            let available = object["available"] as? Bool ?? true
            guard await book.setAvailable(team, available) else { return error("\(team) is not a team of this ward") }
            return CaseJSON.object(["team": team, "available": available])
        }
        guard let id = object["id"] as? String else { return error("\"\(name)\" needs the case id") }
        let command: CaseCommand
        switch parse(name, object) {
        case .success(let parsed): command = parsed
        case .failure(let problem): return error(problem.message)
        }
        switch await book.apply(command, to: id) {
        case .success(let item): return CaseJSON.object(["case": summary(item, request: nil)])
        case .failure(let refusal): return error(refusal.message)
        }
    }

    struct Problem: Error { var message: String }

    static func parse(_ name: String, _ o: [String: Any]) -> Result<CaseCommand, Problem> {
        let team = o["team"] as? String
        switch name {
        case "accept":
            guard let team else { return .failure(Problem(message: "accept needs --team")) }
            return .success(.accept(team: team))
        case "decline":
            guard let team else { return .failure(Problem(message: "decline needs --team")) }
            return .success(.decline(team: team))
        case "contact": return .success(.contact(note: o["note"] as? String))
        case "resume": return .success(.resume)
        case "guide": return .success(.guide)
        case "vneid": return .success(.vneid)
        case "wait":
            guard let reason = (o["reason"] as? String).flatMap(WaitReason.init(rawValue:)) else {
                return .failure(Problem(message: "wait needs --reason, one of "
                    + WaitReason.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return .success(.wait(reason: reason))
        case "refer":
            guard let to = (o["to"] as? String).flatMap(ReferralTarget.init(rawValue:)) else {
                return .failure(Problem(message: "refer needs --to one-stop or --to police-vneid"))
            }
            return .success(.refer(to: to))
        case "fail":
            guard let reason = (o["reason"] as? String).flatMap(FailureReason.init(rawValue:)) else {
                return .failure(Problem(message: "fail needs --reason, one of "
                    + FailureReason.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return .success(.fail(reason: reason, note: o["note"] as? String))
        case "submit":
            guard let mode = (o["mode"] as? String).flatMap(SubmissionMode.init(rawValue:)) else {
                return .failure(Problem(message: "submit needs --mode toan-trinh or --mode mot-phan"))
            }
            return .success(.submit(mode: mode, legacyLevel: (o["legacyLevel"] as? NSNumber)?.intValue,
                                    dossiers: o["dossiers"] as? [String] ?? [], portal: o["portal"] as? String))
        default:
            return .failure(Problem(message: "unknown command \"\(name)\""))
        }
    }

    static func summary(_ item: WardCase, request: Data?) -> [String: Any] {
        var object: [String: Any] = [
            "id": item.id, "state": item.state.rawValue, "procedure": item.procedure, "field": item.field,
            "createdAt": item.createdAt,
        ]
        object["team"] = item.team
        object["waitReason"] = item.waitReason
        object["outcome"] = item.resolution?.outcome.rawValue
        if let request, let citizen = ((try? JSONSerialization.jsonObject(with: request)) as? [String: Any])?["citizen"]
            as? [String: Any] {
            var shown: [String: Any] = [:]
            shown["name"] = citizen["shortName"]
            shown["phone"] = (citizen["phone"] as? String).map(PhoneMask.mask)
            shown["ageBand"] = citizen["ageBand"]
            object["citizen"] = shown
        }
        return object
    }

    static func error(_ message: String) -> [UInt8] { CaseJSON.object(["error": message]) }
}
