import ArgumentParser
import Foundation

/// `xk case …`: what a team member does with a case.
struct CaseCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Move a case along: accept, contact, wait, resume, submit, guide, vneid, refer, fail, decline.",
        subcommands: [Accept.self, Contact.self, Wait.self, Resume.self, Submit.self, Guide.self, VNeID.self,
                      Refer.self, Fail.self, Decline.self])

    /// Sends one command for case `id` and prints where the case stands.
    static func send(_ options: WardControlOptions, _ command: String, _ id: String, _ extra: [String: Any] = [:]) throws {
        var object = extra
        object["command"] = command
        object["id"] = id
        let reply = try options.call(object)
        let item = reply["case"] as? [String: Any] ?? [:]
        let outcome = (item["outcome"] as? String).map { " → \($0)" } ?? ""
        print("\(item["id"] ?? id): \(item["state"] ?? "?")\(outcome)" + ((item["team"] as? String).map { "  team \($0)" } ?? ""))
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The assigned team takes the case.")
        @Argument var id: String
        @Option(help: "Your team id, e.g. 00286-T03.") var team: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "accept", id, ["team": team]) }
    }

    struct Contact: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "You reached the citizen.")
        @Argument var id: String
        @Option(help: "Note for the team (stays at the ward; never passwords or OTP codes).") var note: String?
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "contact", id, note.map { ["note": $0] } ?? [:]) }
    }

    struct Wait: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The case waits on the citizen.")
        @Argument var id: String
        @Option(help: "missing_documents, vneid_at_police, reschedule or other.") var reason: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "wait", id, ["reason": reason]) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The citizen is back; work goes on.")
        @Argument var id: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "resume", id) }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The dossier was filed online.")
        @Argument var id: String
        @Option(help: "toan-trinh (full process) or mot-phan (partly online).") var mode: String
        @Option(help: "Legacy level: 4 with toan-trinh, 3 with mot-phan.") var legacyLevel: Int?
        @Option(help: "Dossier code(s), e.g. 000.00.07.H26-230519-0001; repeat for several.") var dossier: [String] = []
        @Option(help: "Portal, e.g. dichvucong.gov.vn.") var portal: String?
        @OptionGroup var where_: WardControlOptions
        func run() throws {
            var extra: [String: Any] = ["mode": mode, "dossiers": dossier]
            extra["legacyLevel"] = legacyLevel
            extra["portal"] = portal
            try CaseCommandGroup.send(where_, "submit", id, extra)
        }
    }

    struct Guide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The citizen was shown how and will file alone.")
        @Argument var id: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "guide", id) }
    }

    struct VNeID: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "vneid", abstract: "VNeID was set up or recovered; no dossier yet.")
        @Argument var id: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "vneid", id) }
    }

    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sent on in person.")
        @Argument var id: String
        @Option(help: "one-stop or police-vneid.") var to: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "refer", id, ["to": to]) }
    }

    struct Fail: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Help failed, with a reason.")
        @Argument var id: String
        @Option(help: "NO_VNEID_L2, VNEID_LOGIN_ISSUE, MISSING_DOCUMENTS, … or OTHER (with --note).") var reason: String
        @Option(help: "Details (stay at the ward).") var note: String?
        @OptionGroup var where_: WardControlOptions
        func run() throws {
            var extra: [String: Any] = ["reason": reason.uppercased()]
            extra["note"] = note
            try CaseCommandGroup.send(where_, "fail", id, extra)
        }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your team gives the case back (another team, or the dispatcher, takes it).")
        @Argument var id: String
        @Option(help: "Your team id.") var team: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try CaseCommandGroup.send(where_, "decline", id, ["team": team]) }
    }
}
