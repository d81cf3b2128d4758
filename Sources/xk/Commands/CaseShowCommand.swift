import ArgumentParser
import Foundation
import XungKich
import XungKichWire

/// `xk case show ID [--reveal] [--team T]`: a request as the dispatcher holds it. The citizen's name, phone and
/// note are masked unless `--reveal` is given by the team the case is assigned to (with its ward's key) or an
/// officer; every reveal is written to the dispatcher's audit log (`xk audit`).
struct CaseShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case as the dispatcher holds it; --reveal shows the citizen's name and phone to the assigned team or an officer (audited).",
        discussion: """
            With keys, the default identity is the ward's key for --team (ward-00286 for 00286-T03), else officer. \
            A ward key sees only its own ward's cases; an intake key sees them masked.
            """)

    @Argument(help: "Request id, e.g. 007-0000042.") var id: RequestID
    @Flag(help: "Show the citizen's full name, phone and note (audited).") var reveal = false
    @Option(help: "Your team id, e.g. 00286-T03 (a ward team must say it to reveal).") var team: TeamID?
    @Flag(help: "Print the dispatcher's JSON answer.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let identity = team.map { "ward-\($0.rawValue.prefix { $0 != "-" })" } ?? "officer"
        let answer = try await client.call("xk.case", WireJSON.encode(CaseLookup(id: id, reveal: reveal, team: team)),
                                           as: CaseLookupAnswer.self, identity: identity)
        if json { return printJSON(answer) }
        print("\(answer.id)  \(Say.ward) \(answer.ward)  \(answer.state.rawValue)" + (answer.team.map { "  \(Say.team) \($0)" } ?? ""))
        let procedureName = StatsCatalogue.load([]).procedureNames[answer.procedure].map { " \($0)" } ?? ""
        print("\(Say.procedure) \(answer.procedure)\(procedureName)  \(Say.help) \(answer.helpType.rawValue)"
              + (answer.residentialGroup.map { "  \($0)" } ?? "") + (answer.ageBand.map { "  age \($0.rawValue)" } ?? ""))
        print("\(Say.attempts) \(answer.attempts ?? 0)" + (answer.deadline.map { "  \(Say.deadline) \($0)" } ?? "")
              + (answer.priority == true ? "  \(Say.priority)" : "")
              + (answer.sentTo.map { "  \(Say.alsoSentTo) " + $0.map(\.rawValue).joined(separator: ", ") } ?? ""))
        if answer.erased {
            print("\(Say.citizen): \(Say.erased)")
        } else if answer.name == nil, answer.phone == nil {
            print("\(Say.citizen): \(Say.anonymous)")
        } else {
            let phone = answer.phone.map { answer.revealed ? "tel:\($0)" : $0 } ?? Say.noPhone
            print("\(Say.citizen): \(answer.name ?? Say.noName)  \(phone)")
        }
        if let note = answer.note { print("\(Say.note): \(note)") }
        if answer.revealed { print(Say.revealAudited) }
    }
}
