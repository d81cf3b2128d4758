import ArgumentParser
import Coordinator
import XungKichWire

/// `xk stats contribution`: the teams' share of the wards' official online dossiers (statistic 5).
struct StatsContributionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribution",
        abstract: "The teams' contribution to each ward's official uptake rate, over whole months.",
        discussion: """
            Needs the wards' official monthly totals, loaded with `xk baseline import FILE.csv`. For each ward: \
            the official online, toàn trình and on-time rates (÷ dossiers resolved), the dossiers our teams filed \
            online in the same months, and the contribution: assisted online dossiers ÷ the ward's dossiers \
            resolved. Only months with official totals count.
            """)

    @Option(help: "The coordinator's endpoint (default: $XK_COORDINATOR, the settings file, or tcp://127.0.0.1:5570).")
    var coordinator = Settings.value(.coordinator, default: "tcp://127.0.0.1:5570")
    @Option(help: "First month, YYYY-MM.") var from: String
    @Option(help: "Last month, YYYY-MM, inclusive (default: --from).") var to: String?
    @Option(help: "Only this district (GSO code).") var district: String?
    @Option(help: "table or json.") var format = "table"
    @Option(help: "District files for ward names (default: config/*.yaml).") var config: [String] = []
    /// With keys: as `viewer` unless --identity says otherwise.
    @OptionGroup var key: KeyOptions

    func validate() throws {
        for month in [from, to].compactMap({ $0 }) where !BaselineRow.isMonth(month) {
            throw ValidationError("\(month) is not a month written YYYY-MM")
        }
        guard (to ?? from) >= from else { throw ValidationError("--to comes before --from") }
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
    }

    func run() async throws {
        var query = StatsQueryMessage(report: .contribution)
        query.from = from
        query.to = to ?? from
        query.district = district
        let rows = try await CoordinatorQuery.call(coordinator, query, as: ContributionAnswer.self,
                                                   curve: try key.clientKeys(defaultIdentity: "viewer", server: "coordinator")).rows
        if format == "json" {
            printJSON(ContributionExport(from: from, to: to ?? from, rows: rows))
            return
        }
        guard !rows.isEmpty else {
            print(Say.noBaseline("\(from)…\(to ?? from)"))
            return
        }
        let names = StatsCatalogue.load(config).wardNames
        let body = rows.map { r in
            [r.ward + (names[r.ward].map { " " + $0 } ?? ""), "\(r.months)", "\(r.officialResolved)",
             StatsShow.percent(r.officialOnlineRate), StatsShow.percent(r.officialFullProcessRate),
             StatsShow.percent(r.officialOnTimeRate), "\(r.assistedOnlineDossiers)", StatsShow.percent(r.contribution),
             StatsShow.percent(r.assistedShareOfOnline)]
        }
        StatsShow.printAligned(header: ["ward", "months", "resolved", "online rate", "toàn trình rate", "on time",
                                        "assisted online", "contribution", "share of online"].map(Say.column), body: body)
    }
}
