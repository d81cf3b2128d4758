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
    var dispatcher = Settings.value(.dispatcher, default: "tcp://127.0.0.1:5555")
    @Option(help: "Your login as a team member (or set XK_MEMBER): each step records who took it.")
    var member = Settings.value(.member)

    /// The worker's endpoint: from --control, --ward or XK_WARD, the ward part of a team id
    /// (00286-T03), or the dispatcher's record of the case.
    func endpoint(team: TeamID? = nil, caseID: RequestID? = nil) async throws -> String {
        if let control { return control }
        if let code = ward ?? Settings.value(.ward).map(WardCode.init)
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

/// `xk cases`: the ward's cases, as a team member sees them: open ones by default, the most urgent first.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "List the ward's open cases, most urgent first (phones masked).",
        discussion: """
            Urgent first: past their deadline or SLA (OVERDUE), then elderly or disabled citizens, then the oldest. \
            Each line shows the case's age and deadline. --all adds resolved and cancelled cases.
            """)
    @OptionGroup var where_: WardControlOptions
    @Option(help: "Only this team's cases (team id, e.g. 00286-T03).") var team: TeamID?
    @Option(help: "Only cases in this state: ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_CITIZEN, RESOLVED, CANCELLED, TRIAGED.") var status: String?
    @Flag(help: "Also resolved and cancelled cases.") var all = false
    @Option(help: "Hours after which an open case is OVERDUE.") var slaHours = 72.0
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard slaHours > 0 else { throw ValidationError("--sla-hours must be positive") }
    }

    func run() async throws {
        var query = ControlCommand(.list)
        query.team = team
        if let status {
            guard let state = RequestState(rawValue: status.uppercased()) else {
                throw ValidationError("--status \(status) is not a case state; use one of "
                    + RequestState.allCases.map(\.rawValue).joined(separator: ", ")
                    + " (open cases are listed by default)")
            }
            query.state = state
        }
        let reply = try await where_.call(query, as: CaseList.self)
        let now = Date().timeIntervalSince1970
        let ranked = reply.cases
            .filter { all || status != nil || ![.resolved, .cancelled].contains($0.state) }
            .map { ($0, urgency($0, now: now)) }
            .sorted { $0.1.rank < $1.1.rank }
        let shown = ranked.map(\.0)
        if json { return printJSON(CaseList(cases: shown)) }
        if shown.isEmpty { return print(all || status != nil ? Say.noCases : Say.noOpenCases) }
        let names = StatsCatalogue.load([]).procedureNames
        for (item, urgency) in ranked {
            let who = [item.citizen?.name, item.citizen?.phone, item.citizen?.ageBand?.rawValue]
                .compactMap { $0 }.joined(separator: " ")
            let outcome = item.outcome.map { " → \($0.rawValue)" } ?? ""
            let flags = [urgency.isOverdue ? Say.overdue : nil, urgency.isPriority ? Say.priority : nil]
                .compactMap { $0 }.joined(separator: " ")
            print("\(item.id)  \(item.state.rawValue)\(outcome)  \(Say.team) \(item.team ?? "-")  \(Say.age) \(age(now - item.createdAt))"
                  + (item.deadline.map { "  \(Say.deadline) \($0)" } ?? "") + (flags.isEmpty ? "" : "  \(flags)")
                  + "  \(Say.procedure) \(item.procedure)" + (names[item.procedure].map { " \($0)" } ?? "") + "  \(who)")
        }
    }

    private func urgency(_ item: CaseSummary, now: Double) -> CaseUrgency {
        CaseUrgency(isOpen: ![.resolved, .cancelled].contains(item.state), createdAt: item.createdAt,
                    deadline: item.deadline, isPriority: item.priority == true, now: now, slaHours: slaHours)
    }

    private func age(_ seconds: Double) -> String {
        let minutes = Int(max(seconds, 0) / 60)
        if minutes < 60 { return Say.minutes(minutes) }
        if minutes < 48 * 60 { return Say.hours(minutes / 60, minutes % 60) }
        return Say.days(minutes / 1440)
    }
}
