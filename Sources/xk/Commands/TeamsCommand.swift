import ArgumentParser
import Foundation
import XungKich

/// `xk teams import UNIT FILE.csv`: a ward's own roster into the config's roster folder.
struct TeamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams", abstract: "A ward's team roster: import it from the CSV file the ward keeps.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace a unit's teams with those of a CSV roster (name,members,skills[,active]); every bad row is reported by line.",
            discussion: """
                The roster is written to the config's roster folder (its `rosters:`, e.g. config/ha-noi.rosters/00082.yaml) \
                and replaces the teams the config gives the unit, "to be confirmed" ones included. Nothing is written \
                while any row is bad. Restart the unit's worker to use it.
                """)

        @Argument(help: "The unit's 5-digit GSO code, e.g. 00082.") var unit: String
        @Argument(help: "The roster, CSV with a header: name,members,skills[,active]; skills as G15-TP07;G01-CA05.") var file: String
        @Option(help: "Config file (default: $XK_CONFIG or the settings file).") var config = Settings.value(.config)

        static func printError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

        func run() throws {
            guard let path = config else { throw ValidationError("give --config (or set XK_CONFIG)") }
            let layout = try DistrictConfig.load(path: path)
            guard let folder = try DistrictConfig.rosterFolder(ofConfig: path) else {
                throw CLIError.refused("\(path) names no roster folder (rosters:); add e.g. `rosters: \"ha-noi.rosters\"` to it")
            }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw CLIError.refused("\(file) cannot be read as UTF-8 text; save it from the spreadsheet as CSV UTF-8")
            }
            let roster = try RosterImport(unitCode: unit, csv: text, config: layout)
            guard roster.problems.isEmpty else {
                for problem in roster.problems { Self.printError("\(file): \(problem)") }
                Self.printError("\(roster.problems.count) bad row(s); nothing was written")
                throw ExitCode(1)
            }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let target = "\(folder)/\(roster.unit.code).yaml"
            try roster.yaml(source: file, day: HanoiDate.isoDay(Date())).write(toFile: target, atomically: true, encoding: .utf8)
            // Loaded again as a whole, so a roster that breaks the config is taken back at once.
            do {
                _ = try DistrictConfig.load(path: path)
            } catch {
                try? FileManager.default.removeItem(atPath: target)
                throw error
            }
            print("\(target): \(roster.teams.count) teams for \(roster.unit.fullName) (\(roster.unit.code))")
        }
    }
}
