import ArgumentParser

/// `xk team available|unavailable ID`: whether a team takes new cases (its open cases stay with it).
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Mark a team available or unavailable for new cases.",
        subcommands: [Available.self, Unavailable.self])

    static func set(_ options: WardControlOptions, _ team: String, _ available: Bool) throws {
        _ = try options.call(["command": "team", "team": team, "available": available])
        print("\(team): \(available ? "takes new cases" : "takes no new cases (open ones stay with it)")")
    }

    struct Available: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The team takes new cases again.")
        @Argument(help: "Team id, e.g. 00286-T03.") var team: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try TeamCommand.set(where_, team, true) }
    }

    struct Unavailable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The team takes no new cases for now.")
        @Argument(help: "Team id, e.g. 00286-T03.") var team: String
        @OptionGroup var where_: WardControlOptions
        func run() throws { try TeamCommand.set(where_, team, false) }
    }
}
