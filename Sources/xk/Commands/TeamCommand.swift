import XungKich
import ArgumentParser
import XungKichWire

/// `xk team available|unavailable ID`: whether a team takes new cases (its open cases stay with it).
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Mark a team available or unavailable for new cases.",
        subcommands: [Available.self, Unavailable.self])

    static func set(_ options: WardControlOptions, _ team: TeamID, _ available: Bool) async throws {
        var command = ControlCommand(.team)
        command.team = team
        command.available = available
        _ = try await options.call(command, as: TeamAnswer.self)
        print("\(team): \(available ? "takes new cases" : "takes no new cases (open ones stay with it)")")
    }

    struct Available: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The team takes new cases again.")
        @Argument(help: "Team id, e.g. 00286-T03.") var team: TeamID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await TeamCommand.set(where_, team, true) }
    }

    struct Unavailable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The team takes no new cases for now.")
        @Argument(help: "Team id, e.g. 00286-T03.") var team: TeamID
        @OptionGroup var where_: WardControlOptions
        func run() async throws { try await TeamCommand.set(where_, team, false) }
    }
}
