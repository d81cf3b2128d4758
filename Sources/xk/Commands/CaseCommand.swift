import ArgumentParser
import Foundation
import XungKich
import XungKichWire

/// `xk case …`: what a team member does with a case.
struct CaseCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Move a case along: accept, contact, wait, resume, submit, guide, vneid, refer, fail, decline; show it.",
        subcommands: [CaseShowCommand.self, Accept.self, Contact.self, Wait.self, Resume.self, Submit.self, Guide.self, VNeID.self,
                      Refer.self, Fail.self, Decline.self])

    /// Sends one command for case `id` and prints where the case stands.
    static func send(_ options: WardControlOptions, _ name: ControlCommand.Name, _ id: RequestID,
                     _ fill: (inout ControlCommand) -> Void = { _ in }) async throws {
        var command = ControlCommand(name, id: id)
        command.member = options.member
        fill(&command)
        let item = try await options.call(command, as: CaseAnswer.self).case
        let outcome = item.outcome.map { " → \($0.rawValue)" } ?? ""
        print("\(item.id): \(item.state.rawValue)\(outcome)" + (item.team.map { "  \(Say.team) \($0)" } ?? ""))
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The assigned team takes the case.")
        @Argument var id: RequestID
        @Option(help: "Your team id, e.g. 00286-T03.") var team: TeamID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .accept, id) { $0.team = team } }
    }

    struct Contact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "You reached the citizen.")
        @Argument var id: RequestID
        @Option(help: "Note for the team (stays at the ward; never passwords or OTP codes).") var note: String?
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .contact, id) { $0.note = note } }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The case waits on the citizen.")
        @Argument var id: RequestID
        @Option(help: "missing_documents, vneid_at_police, reschedule or other.") var reason: WaitReason
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .wait, id) { $0.waitReason = reason } }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The citizen is back; work goes on.")
        @Argument var id: RequestID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .resume, id) }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The dossier was filed online.")
        @Argument var id: RequestID
        @Option(help: "toan-trinh (full process) or mot-phan (partly online).") var mode: SubmissionMode
        @Option(help: "Legacy level: 4 with toan-trinh, 3 with mot-phan.") var legacyLevel: Int?
        @Option(help: "Dossier code(s), e.g. 000.00.07.H26-230519-0001; repeat for several.") var dossier: [String] = []
        @Option(help: "Portal, e.g. dichvucong.gov.vn.") var portal: String?
        @OptionGroup var where_: WardControlOptions
        func run() async throws {
            try await CaseCommandGroup.send(where_, .submit, id) {
                $0.mode = mode
                $0.dossiers = dossier
                $0.legacyLevel = legacyLevel
                $0.portal = portal
            }
        }
    }

    struct Guide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The citizen was shown how and will file alone.")
        @Argument var id: RequestID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .guide, id) }
    }

    struct VNeID: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "vneid", abstract: "VNeID was set up or recovered; no dossier yet.")
        @Argument var id: RequestID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .vneid, id) }
    }

    struct Refer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sent on in person.")
        @Argument var id: RequestID
        @Option(help: "one-stop or police-vneid.") var to: ReferralTarget
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .refer, id) { $0.to = to } }
    }

    struct Fail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Help failed, with a reason.")
        @Argument var id: RequestID
        @Option(help: "NO_VNEID_L2, VNEID_LOGIN_ISSUE, MISSING_DOCUMENTS, … or OTHER (with --note).") var reason: String
        @Option(help: "Details (stay at the ward).") var note: String?
        @OptionGroup var where_: WardControlOptions
        func run() async throws {
            guard let failure = FailureReason(rawValue: reason.uppercased()) else {
                throw ValidationError("--reason must be one of " + FailureReason.allCases.map(\.rawValue).joined(separator: ", "))
            }
            try await CaseCommandGroup.send(where_, .fail, id) {
                $0.failureReason = failure
                $0.note = note
            }
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your team gives the case back (another team, or the dispatcher, takes it).")
        @Argument var id: RequestID
        @Option(help: "Your team id.") var team: TeamID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await CaseCommandGroup.send(where_, .decline, id) { $0.team = team } }
    }
}

extension WaitReason: ExpressibleByArgument {}
extension SubmissionMode: ExpressibleByArgument {}
extension ReferralTarget: ExpressibleByArgument {}
extension RequestID: ExpressibleByArgument {}
extension TeamID: ExpressibleByArgument {}
extension WardCode: ExpressibleByArgument {}
