import XungKich
import ArgumentParser
import HummingbirdBcrypt
import WardWorker
import XungKichWire

/// `xk team available|unavailable ID`: whether a team takes new cases (its open cases stay with it).
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Mark a team available or unavailable for new cases; add team members' logins.",
        subcommands: [Available.self, Unavailable.self, Member.self])

    struct Member: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Team members' logins for the team page.", subcommands: [Add.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a team member's login (or give an existing one a new password).",
                discussion: """
                    The password is read from standard input (one line), never from the command line, and only its \
                    bcrypt hash reaches the ward's store. Example: \
                    printf '%s\\n' "$PASSWORD" | xk team member add lan.nguyen --team 00286-T03
                    """)
            @Argument(help: "Login name: 2 to 40 letters, digits, dots, dashes or underscores.") var name: String
            @Option(help: "The member's team, e.g. 00286-T03.") var team: TeamID
            @OptionGroup var where_: WardControlOptions

            func validate() throws {
                guard TeamMember.isValidName(name) else {
                    throw ValidationError("a login name is 2 to 40 letters, digits, dots, dashes or underscores")
                }
            }

            func run() async throws {
                guard let line = readLine(strippingNewline: true), line.count >= 8 else {
                    throw ValidationError("give the password (8 characters or more) on standard input")
                }
                var command = ControlCommand(.memberAdd)
                command.member = name
                command.team = team
                command.passwordHash = Bcrypt.hash(line, cost: 10)
                _ = try await where_.call(command, as: TeamAnswer.self)
                print(Say.canLogIn(name, team: team.rawValue))
            }
        }
    }

    static func set(_ options: WardControlOptions, _ team: TeamID, _ available: Bool) async throws {
        var command = ControlCommand(.team)
        command.team = team
        command.available = available
        _ = try await options.call(command, as: TeamAnswer.self)
        print("\(team): \(available ? Say.takesNewCases : Say.takesNoNewCases)")
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
