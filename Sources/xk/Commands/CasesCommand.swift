import ArgumentParser
import Foundation
import MajordomoPeers
import WardWorker

/// Where team-member commands find their ward's worker.
struct WardControlOptions: ParsableArguments {
    @Option(help: "The ward's GSO code (or set XK_WARD); found from --team or the dispatcher when left out.")
    var ward: String?
    @Option(help: "The ward worker's control endpoint (default ipc:///tmp/xk-ward-<code>.ipc).") var control: String?
    @Option(help: "The dispatcher, asked for a case's ward when neither --ward nor --team tells it.")
    var dispatcher = "tcp://127.0.0.1:5555"

    /// The worker's endpoint: from --control, --ward or XK_WARD, the ward part of a team id
    /// (00286-T03), or the dispatcher's record of the case.
    func endpoint(team: String? = nil, caseID: String? = nil) throws -> String {
        if let control { return control }
        if let code = ward ?? ProcessInfo.processInfo.environment["XK_WARD"] ?? team?.split(separator: "-").first.map(String.init) {
            return WardApp.controlEndpoint(ward: code)
        }
        if let caseID, let code = try? DispatcherLookup.ward(of: caseID, dispatcher: dispatcher) {
            return WardApp.controlEndpoint(ward: code)
        }
        throw ValidationError("give --ward CODE (or set XK_WARD) so the ward's worker can be found")
    }

    /// Sends a command; returns the answer, or throws the worker's refusal for the person to read.
    func call(_ object: [String: Any]) throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: object)
        let target = try endpoint(team: object["team"] as? String, caseID: object["id"] as? String)
        let answer = try RequestClient.call(target, [UInt8](body))
        guard let reply = (try? JSONSerialization.jsonObject(with: Data(answer))) as? [String: Any] else {
            throw CLIError.unexpectedReply(service: "the ward worker")
        }
        if let message = reply["error"] as? String { throw CLIError.refused(problems: [("", message)]) }
        return reply
    }
}

/// `xk cases`: the ward's cases, as a team member sees them.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "List the ward's cases (phones masked).")
    @OptionGroup var where_: WardControlOptions
    @Option(help: "Only this team's cases (team id, e.g. 00286-T03).") var team: String?
    @Option(help: "Only cases in this state: ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_CITIZEN, RESOLVED.") var status: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        var query: [String: Any] = ["command": "list"]
        query["team"] = team
        query["state"] = status?.uppercased()
        let reply = try where_.call(query)
        if json { return printJSON(reply) }
        let cases = reply["cases"] as? [[String: Any]] ?? []
        if cases.isEmpty { return print("no cases") }
        for item in cases {
            let citizen = item["citizen"] as? [String: Any] ?? [:]
            let who = [citizen["name"] as? String, citizen["phone"] as? String, citizen["ageBand"] as? String]
                .compactMap { $0 }.joined(separator: " ")
            let outcome = (item["outcome"] as? String).map { " → \($0)" } ?? ""
            print("\(item["id"] ?? "?")  \(item["state"] ?? "?")\(outcome)  team \(item["team"] ?? "-")  "
                  + "procedure \(item["procedure"] ?? "?")  \(who)")
        }
    }
}
