import ArgumentParser
import Foundation
import MajordomoPeers
import WardWorker
import XungKich
import XungKichWire

/// Where team-member commands find their ward's worker.
struct WardControlOptions: ParsableArguments {
    @Option(help: "The ward's GSO code (or set XK_WARD); found from --team or the dispatcher when left out.")
    var ward: WardCode?
    @Option(help: "The ward worker's control endpoint (default ipc:///tmp/xk-ward-<code>.ipc).") var control: String?
    @Option(help: "The dispatcher, asked for a case's ward when neither --ward nor --team tells it.")
    var dispatcher = "tcp://127.0.0.1:5555"

    /// The worker's endpoint: from --control, --ward or XK_WARD, the ward part of a team id
    /// (00286-T03), or the dispatcher's record of the case.
    func endpoint(team: TeamID? = nil, caseID: RequestID? = nil) async throws -> String {
        if let control { return control }
        if let code = ward ?? ProcessInfo.processInfo.environment["XK_WARD"].map(WardCode.init)
            ?? team?.rawValue.split(separator: "-").first.map({ WardCode(String($0)) }) {
            return WardApp.controlEndpoint(ward: code)
        }
        if let caseID, let code = try? await DispatcherLookup.ward(of: caseID, dispatcher: dispatcher) {
            return WardApp.controlEndpoint(ward: code)
        }
        throw ValidationError("give --ward CODE (or set XK_WARD) so the ward's worker can be found")
    }

    /// Sends a command; returns the answer, or throws the worker's refusal for the person to read.
    func call<Answer: Decodable>(_ command: ControlCommand, as type: Answer.Type) async throws -> Answer {
        let target = try await endpoint(team: command.team, caseID: command.id)
        let answer = try await RequestClient.call(target, WireJSON.encode(command))
        return try CLIError.decode(Answer.self, from: answer, answering: "the ward worker at \(target)")
    }
}

/// `xk cases`: the ward's cases, as a team member sees them.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "List the ward's cases (phones masked).")
    @OptionGroup var where_: WardControlOptions
    @Option(help: "Only this team's cases (team id, e.g. 00286-T03).") var team: TeamID?
    @Option(help: "Only cases in this state: ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_CITIZEN, RESOLVED.") var status: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        var query = ControlCommand(.list)
        query.team = team
        if let status {
            guard let state = RequestState(rawValue: status.uppercased()) else {
                throw ValidationError("--status must be one of " + RequestState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            query.state = state
        }
        let reply = try await where_.call(query, as: CaseList.self)
        if json { return printJSON(reply) }
        if reply.cases.isEmpty { return print("no cases") }
        for item in reply.cases {
            let who = [item.citizen?.name, item.citizen?.phone, item.citizen?.ageBand?.rawValue]
                .compactMap { $0 }.joined(separator: " ")
            let outcome = item.outcome.map { " → \($0.rawValue)" } ?? ""
            print("\(item.id)  \(item.state.rawValue)\(outcome)  team \(item.team ?? "-")  procedure \(item.procedure)  \(who)")
        }
    }
}
