import ArgumentParser
import Coordinator
import Foundation
import XungKich
import XungKichWire

/// `xk stats`: uptake statistics from the coordinator.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show uptake statistics: volume, online conversion, timeliness, reach, team workload, contribution.",
        subcommands: [StatsShow.self, StatsContributionCommand.self, StatsVerifyCommand.self],
        defaultSubcommand: StatsShow.self)
}

/// `xk stats [show]`: the figures, grouped.
struct StatsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show uptake statistics (the default of `xk stats`).",
        discussion: """
            Views (--view): uptake (received, open, resolved, toàn trình / một phần, conversion, full-process \
            share, time to resolve), timeliness (time to assign, to first contact, to resolve; SLA adherence), \
            reach (distinct citizens, aged 60+, residential groups), workload (cases per team and member, decline \
            and reassign rates, idle teams: use --by team). --by failure-reason also ranks the reasons (Pareto). \
            Every rate is shown with its numerator and denominator.
            """)

    enum View: String, CaseIterable, ExpressibleByArgument {
        case uptake, timeliness, reach, workload
    }

    @Option(help: "The coordinator's endpoint (default: $XK_COORDINATOR, the settings file, or tcp://127.0.0.1:5570).")
    var coordinator = Settings.value(.coordinator, default: "tcp://127.0.0.1:5570")
    @Option(help: ArgumentHelp("Group by: " + StatsDimension.allCases.map(\.rawValue).joined(separator: ", ") + ".")) var by = "ward"
    @Option(help: "Which figures the table shows: uptake, timeliness, reach or workload.") var view: View = .uptake
    @Option(help: "First Hanoi day, YYYY-MM-DD (by the day a request was received).") var since: String?
    @Option(help: "Last Hanoi day, YYYY-MM-DD, inclusive.") var until: String?
    @Option(help: "Only this district's requests (GSO code, e.g. 007).") var district: String?
    @Option(help: "SLA on active time to resolve, in hours (time waiting for the citizen does not count).")
    var slaHours = 72.0
    @Option(help: "table, csv or json. CSV and JSON leave the system: groups of fewer than 5 citizens are suppressed.")
    var format = "table"
    @Option(help: "District files for ward names and team members (default: config/*.yaml if present).") var config: [String] = []
    @Option(help: "With --by ward: count units that had ended by this day (YYYY-MM-DD) in that day's units: whole successors take their counts, split units stay apart, listed with their candidates.")
    var asOf: String?
    @Option(help: "With --as-of: CSV unit,residential_group,new_unit placing a split unit's residential groups (tổ dân phố) in the new units.")
    var groupMap: String?
    /// With keys: as `viewer` unless --identity says otherwise.
    @OptionGroup var key: KeyOptions

    func validate() throws {
        guard StatsDimension(rawValue: by) != nil else { throw ValidationError("--by must be one of " + StatsDimension.allCases.map(\.rawValue).joined(separator: ", ")) }
        guard ["table", "csv", "json"].contains(format) else { throw ValidationError("--format must be table, csv or json") }
        guard slaHours > 0 else { throw ValidationError("--sla-hours must be positive") }
        for day in [since, until].compactMap({ $0 }) where HanoiDate.startOfDay(day) == nil {
            throw ValidationError("\(day) is not a day written YYYY-MM-DD")
        }
    }

    func run() async throws {
        guard let dimension = StatsDimension(rawValue: by) else { throw ValidationError("--by \(by) is not a grouping") }
        var query = StatsQueryMessage(report: .stats, by: dimension)
        query.slaHours = slaHours
        // A table computes only what its view shows; exports carry every figure.
        if format == "table" {
            query.figures = view == .timeliness ? [.timeliness] : view == .reach ? [.reach] : []
        }
        query.district = district
        var catalogue = StatsCatalogue.load(config)
        if let asOf {
            guard dimension == .ward else { throw ValidationError("--as-of re-expresses units: use it with --by ward") }
            let map = try groupMap.map { path in
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw CLIError.refused("\(path) cannot be read as UTF-8 text")
                }
                return (name: path, text: text)
            }
            let regroup = try AsOfRegroup(day: asOf, layouts: catalogue.layouts, groupMap: map)
            query.regroup = regroup.regroup
            for (key, note) in regroup.splitLabels { catalogue.wardNames[key] = (catalogue.wardNames[key] ?? "") + " — " + note }
        } else if groupMap != nil {
            throw ValidationError("--group-map goes with --as-of")
        }
        query.since = since.flatMap(HanoiDate.startOfDay)?.timeIntervalSince1970
        query.until = until.flatMap(HanoiDate.startOfDay).map { $0.timeIntervalSince1970 + 86_400 }
        let answer = try await CoordinatorQuery.call(coordinator, query, as: StatsAnswer.self,
                                                  curve: try key.clientKeys(defaultIdentity: "viewer", server: "coordinator"))
        switch format {
        case "json": printJSON(StatsExport(rows: answer.rows, by: dimension, slaHours: slaHours))
        case "csv":
            // UTF-8 with a byte order mark, so Excel shows Vietnamese names as they are; the note beside, on stderr.
            let export = StatsExport(rows: answer.rows, by: dimension, slaHours: slaHours)
            FileHandle.standardError.write(Data("note: \(export.note)\n".utf8))
            print("\u{FEFF}" + export.csvLines().joined(separator: "\r\n"), terminator: "\r\n")
        default: printTable(answer.rows, backlog: answer.backlog, catalogue: catalogue)
        }
    }
}
