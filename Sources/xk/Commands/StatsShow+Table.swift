import XungKich
import Coordinator
import Foundation
import XungKichWire

extension StatsShow {
    /// The aligned terminal table of the chosen view, then the backlog and, by view, the Pareto of failure
    /// reasons or the idle teams.
    func printTable(_ rows: [StatsRow], backlog: [String: Int], catalogue: StatsCatalogue) {
        let members = Dictionary(catalogue.teams.map { ($0.id, $0.members) }, uniquingKeysWith: { a, _ in a })
        // A total line sums the counts and makes the rates from the sums; medians, percentiles and distinct
        // counts do not add up, so the total shows "–" for them rather than a wrong figure.
        let total = rows.count > 1 ? StatsRow.total(of: rows) : nil
        let header: [String]
        let cells: (StatsRow, Bool) -> [String]
        switch view {
        case .uptake:
            header = [by, "received", "open", "resolved", "toàn trình", "một phần", "conversion", "toàn trình share",
                      "median", "p90"]
            cells = { r, _ in
                ["\(r.received)", "\(r.open)", "\(r.resolved)", "\(r.fullProcess)",
                 "\(r.onlineSubmissions - r.fullProcess)", Self.percent(r.conversion), Self.percent(r.fullProcessShare),
                 Self.duration(r.medianSecondsToResolve), Self.duration(r.p90SecondsToResolve)]
            }
        case .timeliness:
            header = [by, "received", "assign p50", "assign p90", "contact p50", "contact p90", "resolve p50",
                      "resolve p90", "within SLA \(Self.hours(slaHours))"]
            cells = { r, _ in
                ["\(r.received)", Self.duration(r.medianSecondsToAssign),
                 Self.duration(r.p90SecondsToAssign), Self.duration(r.medianSecondsToFirstContact),
                 Self.duration(r.p90SecondsToFirstContact), Self.duration(r.medianSecondsToResolve),
                 Self.duration(r.p90SecondsToResolve), Self.percent(r.slaAdherence)]
            }
        case .reach:
            header = [by, "received", "citizens", "anonymous", "aged 60+", "residential groups"]
            cells = { r, isTotal in
                ["\(r.received)", isTotal ? "–" : "\(r.citizens)", "\(r.received - r.identifiedRequests)",
                 Self.percent(r.elderlyShare), isTotal ? "–" : "\(r.residentialGroups)"]
            }
        case .workload:
            let byTeam = by == "team"
            let teamSize = { (r: StatsRow) -> Int? in byTeam ? r.key.flatMap { members[$0] } : nil }
            let allMembers = byTeam ? rows.compactMap(teamSize).reduce(0, +) : nil
            header = [by, "cases", "members", "cases/member", "assignments", "declines", "decline rate",
                      "reassign rate"]
            cells = { r, isTotal in
                let size = isTotal ? allMembers : teamSize(r)
                return ["\(r.received)", size.map(String.init) ?? "–",
                        size.map { $0 > 0 ? String(format: "%.1f", Double(r.received) / Double($0)) : "–" } ?? "–",
                        "\(r.assignments)", "\(r.declines)", Self.percent(r.declineRate), Self.percent(r.reassignRate)]
            }
        }
        let body = rows.map { [label($0.key, catalogue)] + cells($0, false) }
            + (total.map { [[Say.total] + cells($0, true)] } ?? [])
        Self.printAligned(header: header.map(Say.column), body: body)
        let open = backlog.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print("\n" + Say.backlog(open.isEmpty ? nil : open.joined(separator: ", ")))
        if let oldest = rows.compactMap(\.oldestOpenReceivedAt).min() {
            print(Say.oldestOpen(hanoiTime(oldest), ago: Self.duration(Date().timeIntervalSince1970 - oldest)))
        }
        if by == "failure-reason" { printPareto(rows) }
        if view == .workload, by == "team" { printIdleTeams(rows, catalogue: catalogue) }
    }

    /// Failure reasons ranked by count, with each one's share of the failures and the running total.
    private func printPareto(_ rows: [StatsRow]) {
        let pareto = FailurePareto(rows: rows)
        guard pareto.total > 0 else { return }
        print("\n" + Say.paretoTitle)
        let body = pareto.entries.map { entry in
            [entry.reason, "\(entry.failed)", Self.percent(entry.share), Self.percent(entry.cumulative)]
        }
        Self.printAligned(header: ["reason", "failed", "share", "cumulative"].map(Say.column), body: body)
    }

    /// Active teams of the given districts that had no case and declined none in the period.
    private func printIdleTeams(_ rows: [StatsRow], catalogue: StatsCatalogue) {
        let teams = IdleTeams(rows: rows, teams: catalogue.teams, districtOfWard: catalogue.wardDistrict, district: district)
        let names = teams.idle.prefix(20).map(\.id).joined(separator: ", ") + (teams.idle.count > 20 ? ", …" : "")
        print("\n" + Say.idleTeams(teams.idle.count, of: teams.active)
              + (teams.idle.isEmpty ? "" : ": " + names))
    }

    func label(_ key: String?, _ catalogue: StatsCatalogue) -> String {
        guard let key else { return "(none)" }
        let names: [String: String] = switch by {
        case "ward": catalogue.wardNames
        case "district": catalogue.districtNames
        case "procedure": catalogue.procedureNames
        case "field": catalogue.fieldNames
        case "team": catalogue.teamNames
        default: [:]
        }
        guard let name = names[key] else { return key }
        // A unit key (CODE@first day): the code, the name and the period; never shortened, the period matters.
        if by == "ward", let unit = UnitKey(text: key) { return "\(unit.code) \(name)" }
        // Procedure names run long: the table stays readable on a terminal.
        return "\(key) " + (name.count > 40 ? name.prefix(39) + "…" : name)
    }

    static func printAligned(header: [String], body: [[String]]) {
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        for line in [header] + body {
            print(line.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  "))
        }
    }

    static func percent(_ rate: Rate) -> String {
        guard let value = rate.value else { return "– (0/0)" }
        return String(format: "%.1f%% (%d/%d)", value * 100, rate.numerator, rate.denominator)
    }

    static func hours(_ hours: Double) -> String {
        hours.rounded() == hours ? "\(Int(hours)) h" : String(format: "%.1f h", hours)
    }

    /// Seconds as a ward officer reads them: 0.4s, 45s, 12m, 3h05m, 2d04h.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        if seconds < 9.95 { return String(format: "%.1fs", seconds) }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
        return String(format: "%dd%02dh", s / 86_400, s % 86_400 / 3600)
    }
}
