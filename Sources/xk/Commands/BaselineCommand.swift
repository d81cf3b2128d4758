import ArgumentParser
import Coordinator
import Foundation
import XungKichWire

/// `xk baseline import|show`: the wards' official monthly dossier totals, for the contribution statistic.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Load or show the wards' official monthly dossier totals (for `xk stats contribution`).",
        subcommands: [BaselineImport.self, BaselineShow.self])
}

/// `xk baseline import FILE.csv`.
struct BaselineImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load official monthly totals from a CSV file; a ward and month given again replaces the old row.",
        discussion: """
            Header: ward,month,dossiers_resolved,online_dossiers,full_process_dossiers,on_time_dossiers \
            (optionally district first). One row per ward and month (YYYY-MM), counts as the portal reports them. \
            A file with any bad row is not imported: every problem is listed with its line.
            """)

    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The coordinator's endpoint (default: $XK_COORDINATOR, the settings file, or tcp://127.0.0.1:5570).")
    var coordinator = Settings.value(.coordinator, default: "tcp://127.0.0.1:5570")
    @Option(help: "District files that say which district each ward is in (default: config/*.yaml).") var config: [String] = []
    /// With keys: as `officer` unless --identity says otherwise (importing replaces official figures, which a
    /// viewer key may not).
    @OptionGroup var key: KeyOptions

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let districts = StatsCatalogue.load(config).wardDistrict
        let (rows, problems) = BaselineCSV.parse(text, districtOf: { districts[$0] })
        guard problems.isEmpty else {
            for problem in problems { print("\(file):\(problem)") }
            print(Say.nothingImported(problems.count))
            throw ExitCode(1)
        }
        guard !rows.isEmpty else { throw ValidationError("\(file) has no rows") }
        var query = StatsQueryMessage(report: .baselineImport)
        query.rows = rows
        let answer = try await CoordinatorQuery.call(coordinator, query, as: BaselineImportAnswer.self,
                                                  curve: try key.clientKeys(defaultIdentity: "officer", server: "coordinator"))
        let wards = Set(rows.map(\.ward)).count, months = Set(rows.map(\.month)).sorted()
        print(Say.imported(answer.imported, wards: wards, months: "\(months.first ?? "")…\(months.last ?? "")"))
    }
}

/// `xk baseline show`.
struct BaselineShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "List the official totals loaded.")

    @Option(help: "The coordinator's endpoint (default: $XK_COORDINATOR, the settings file, or tcp://127.0.0.1:5570).")
    var coordinator = Settings.value(.coordinator, default: "tcp://127.0.0.1:5570")
    /// With keys: as `viewer` unless --identity says otherwise.
    @OptionGroup var key: KeyOptions

    func run() async throws {
        let rows = try await CoordinatorQuery.call(coordinator, StatsQueryMessage(report: .baseline), as: BaselineAnswer.self,
                                                   curve: try key.clientKeys(defaultIdentity: "viewer", server: "coordinator")).rows
        StatsShow.printAligned(
            header: ["district", "ward", "month", "resolved", "online", "toàn trình", "on time"],
            body: rows.map { [$0.district, $0.ward, $0.month, "\($0.dossiersResolved)", "\($0.onlineDossiers)",
                              "\($0.fullProcessDossiers)", "\($0.onTimeDossiers)"] })
    }
}
