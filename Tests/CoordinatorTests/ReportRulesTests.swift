import Coordinator
import Testing
import XungKich
import XungKichWire

/// The failure-reason Pareto, idle teams and the verify comparison, with hand-computed expectations.
@Suite("Reporting rules")
struct ReportRulesTests {
    private func failures(_ key: String?, _ failed: Int) -> StatsRow {
        StatsRow(key: key, received: failed + 1, resolved: failed, open: 0, onlineSubmissions: 0, fullProcess: 0,
                 failed: failed, aged60Plus: 0)
    }

    @Test("Pareto: most frequent first, ties by reason, shares and running totals of all failures")
    func pareto() {
        // 6 + 3 + 3 + 0 failures with a reason = 12; the row without a reason is left out.
        let pareto = FailurePareto(rows: [failures(nil, 40), failures("PORTAL_ERROR", 3), failures("NO_VNEID_L2", 6),
                                          failures("MISSING_DOCUMENTS", 3), failures("OTHER", 0)])
        #expect(pareto.total == 12)
        #expect(pareto.entries.map(\.reason) == ["NO_VNEID_L2", "MISSING_DOCUMENTS", "PORTAL_ERROR"])
        #expect(pareto.entries.map(\.share) == [Rate(numerator: 6, denominator: 12), Rate(numerator: 3, denominator: 12),
                                                Rate(numerator: 3, denominator: 12)])
        #expect(pareto.entries.map(\.cumulative) == [Rate(numerator: 6, denominator: 12),
                                                     Rate(numerator: 9, denominator: 12),
                                                     Rate(numerator: 12, denominator: 12)])
        #expect(FailurePareto(rows: [failures("OTHER", 0)]).entries.isEmpty)
    }

    @Test("idle teams: active, of the district asked, with no case held and none declined")
    func idleTeams() {
        let teams = [
            Team(id: "00286-T01", wardCode: "00286", name: "T1", members: 4, skills: []),
            Team(id: "00286-T02", wardCode: "00286", name: "T2", members: 4, skills: []),
            Team(id: "00286-T03", wardCode: "00286", name: "T3", members: 4, skills: []),
            Team(id: "00286-T04", wardCode: "00286", name: "T4", members: 4, skills: [], active: false),
            Team(id: "09001-T01", wardCode: "09001", name: "ML1", members: 4, skills: []),
        ]
        var declinedOnly = StatsRow(key: "00286-T02")
        declinedOnly.assignments = 1
        declinedOnly.declines = 1
        let rows = [failures("00286-T01", 1), declinedOnly, StatsRow(key: nil)]
        let districts = ["00286": "007", "09001": "250"]
        let hbt = IdleTeams(rows: rows, teams: teams, districtOfWard: districts, district: "007")
        // T1 held a case, T2 declined one, T4 is inactive: T3 alone is idle, of 3 active teams in 007.
        #expect(hbt.idle.map(\.id) == ["00286-T03"])
        #expect(hbt.active == 3)
        let all = IdleTeams(rows: rows, teams: teams, districtOfWard: districts, district: nil)
        #expect(all.idle.map(\.id) == ["00286-T03", "09001-T01"])
        #expect(all.active == 4)
    }

    @Test("verify: every differing figure by key, a group one side lacks counting as zeros")
    func differences() {
        let journals = [StatsRow(key: "00286", received: 12, resolved: 10, open: 2, onlineSubmissions: 5, fullProcess: 3,
                                 failed: 1, aged60Plus: 0),
                        StatsRow(key: "00289", received: 3, resolved: 3, open: 0, onlineSubmissions: 0, fullProcess: 0,
                                 failed: 0, aged60Plus: 0)]
        let coordinator = [StatsRow(key: "00286", received: 11, resolved: 10, open: 1, onlineSubmissions: 5,
                                    fullProcess: 3, failed: 1, aged60Plus: 7)]
        let found = StatsDifference.between(journals: journals, coordinator: coordinator, dimension: .ward)
        #expect(found.map(\.description) == [
            "ward 00286 received: journals 12, coordinator 11",
            "ward 00286 open: journals 2, coordinator 1",
            "ward 00289 received: journals 3, coordinator 0",
            "ward 00289 resolved: journals 3, coordinator 0",
        ])
        #expect(StatsDifference.between(journals: journals, coordinator: journals, dimension: .outcome).isEmpty)
    }

    @Test("contribution JSON: every rate with numerator, denominator and value")
    func contributionExport() async throws {
        let baseline = [BaselineRow(district: "007", ward: "00286", month: "2024-03", dossiersResolved: 200,
                                    onlineDossiers: 80, fullProcessDossiers: 50, onTimeDossiers: 190)]
        let engine = try await StatsEngine(store: SQLiteFactStore())
        try await engine.importBaseline(baseline)
        let rows = await engine.contribution(firstMonth: "2024-03", lastMonth: "2024-03", district: nil)
        #expect(rows.count == 1)
        let export = ContributionExport(from: "2024-03", to: "2024-03", rows: rows)
        #expect(export.rows.first?.rates["officialOnlineRate"] == .shown(Rate(numerator: 80, denominator: 200)))
        #expect(export.rows.first?.rates["contribution"] == .shown(Rate(numerator: 0, denominator: 200)))
        #expect(export.rows.first?.rates["assistedShareOfOnline"] == .shown(Rate(numerator: 0, denominator: 80)))
    }
}
