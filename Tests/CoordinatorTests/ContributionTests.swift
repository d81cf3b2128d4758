import Coordinator
import Foundation
import Testing
import XungKichWire

/// Statistic 5: the teams' contribution to the official uptake rate, from imported monthly totals.
@Suite("Contribution to the official rate and the baseline import")
struct ContributionTests {
    static let march = 1_741_568_400.0   // 2025-03-10 08:00 Hanoi

    private func engine(_ backend: TestStore) async throws -> StatsEngine {
        var b = StatsFixture.Builder()
        // Two online submissions in 00286 in March (2 dossiers full process, 1 partial), one in April.
        b.add("007", "A", "00286", at: Self.march, .accepted, .triaged)
        b.add("007", "A", "00286", at: Self.march + 3600, .resolved, .resolved,
              .with(outcome: .submittedFullOnline, team: "00286-T01", dossiers: 2))
        b.add("007", "B", "00286", at: Self.march, .accepted, .triaged)
        b.add("007", "B", "00286", at: Self.march + 7200, .resolved, .resolved,
              .with(outcome: .submittedPartialOnline, team: "00286-T01", dossiers: 1))
        b.add("007", "C", "00286", at: Self.march, .accepted, .triaged)
        b.add("007", "C", "00286", at: Self.march + 30 * 86_400, .resolved, .resolved,
              .with(outcome: .submittedPartialOnline, team: "00286-T01", dossiers: 1))
        // Guided only: not an online dossier.
        b.add("007", "D", "00286", at: Self.march, .accepted, .triaged)
        b.add("007", "D", "00286", at: Self.march + 60, .resolved, .resolved, .with(outcome: .guidedOnly))
        let engine = try await StatsEngine(store: backend.make())
        try await engine.apply(b.events)
        try await engine.importBaseline([
            BaselineRow(district: "007", ward: "00286", month: "2025-03", dossiersResolved: 100, onlineDossiers: 40,
                        fullProcessDossiers: 25, onTimeDossiers: 90),
            BaselineRow(district: "007", ward: "00289", month: "2025-03", dossiersResolved: 50, onlineDossiers: 10,
                        fullProcessDossiers: 5, onTimeDossiers: 50),
        ])
        return engine
    }

    @Test("assisted online dossiers ÷ the ward's official dossiers resolved, month by month", arguments: TestStore.available)
    func contributionInMarch(_ backend: TestStore) async throws {
        let rows = try await engine(backend).contribution(firstMonth: "2025-03", lastMonth: "2025-03", district: nil)
        #expect(rows.map(\.ward) == ["00286", "00289"])
        let phuong = try #require(rows.first)
        #expect(phuong.assistedOnlineDossiers == 3)        // A's 2 + B's 1; C resolved in April
        #expect(phuong.assistedFullProcessDossiers == 2)
        #expect(phuong.contribution == Rate(numerator: 3, denominator: 100))
        #expect(phuong.assistedShareOfOnline == Rate(numerator: 3, denominator: 40))
        #expect(phuong.officialOnlineRate == Rate(numerator: 40, denominator: 100))
        #expect(phuong.officialFullProcessRate == Rate(numerator: 25, denominator: 100))
        #expect(phuong.officialOnTimeRate == Rate(numerator: 90, denominator: 100))
        #expect(rows.last?.assistedOnlineDossiers == 0)
    }

    @Test("months without official totals count on neither side; a re-import replaces the month", arguments: TestStore.available)
    func monthsWithoutTotals(_ backend: TestStore) async throws {
        let engine = try await engine(backend)
        // March and April asked, only March reported: C (April) is left out so both sides cover March.
        let both = await engine.contribution(firstMonth: "2025-03", lastMonth: "2025-04", district: "007")
        #expect(both.first?.assistedOnlineDossiers == 3)
        #expect(both.first?.months == 1)
        #expect(await engine.contribution(firstMonth: "2025-01", lastMonth: "2025-02", district: nil).isEmpty)

        try await engine.importBaseline([
            BaselineRow(district: "007", ward: "00286", month: "2025-04", dossiersResolved: 80, onlineDossiers: 30,
                        fullProcessDossiers: 20, onTimeDossiers: 80),
            BaselineRow(district: "007", ward: "00286", month: "2025-03", dossiersResolved: 120, onlineDossiers: 40,
                        fullProcessDossiers: 25, onTimeDossiers: 90),
        ])
        let replaced = await engine.contribution(firstMonth: "2025-03", lastMonth: "2025-04", district: "007")
        #expect(replaced.first?.months == 2)
        #expect(replaced.first?.contribution == Rate(numerator: 4, denominator: 200))
        #expect(await engine.baseline().count == 3)
    }

    @Test("the CSV import reads columns by name and reports every bad row by line")
    func baselineCSV() {
        let text = """
            ward,month,dossiers_resolved,online_dossiers,full_process_dossiers,on_time_dossiers
            00286,2025-03,100,40,25,90

            00289,2025-3,50,10,5,50
            00292,2025-03,50,60,5,50
            00286,2025-03,1,1,1,1
            99999,2025-03,1,1,1,1
            00295,2025-03,ten,1,1,1
            """
        let districts = ["00286": "007", "00289": "007", "00292": "007", "00295": "007"]
        let (rows, problems) = BaselineCSV.parse(text, districtOf: { districts[$0] })
        #expect(rows == [BaselineRow(district: "007", ward: "00286", month: "2025-03", dossiersResolved: 100,
                                     onlineDossiers: 40, fullProcessDossiers: 25, onTimeDossiers: 90)])
        #expect(problems.map(\.line) == [4, 5, 6, 7, 8])
        #expect(problems[0].message.contains("YYYY-MM"))
        #expect(problems[1].message.contains("online_dossiers (60) is more than dossiers_resolved (50)"))
        #expect(problems[2].message.contains("already given on line 2"))
        #expect(problems[3].message.contains("in no district configuration"))
        #expect(problems[4].message.contains("dossiers_resolved \"ten\" is not a whole number"))
    }

    @Test("a CSV without the expected header is refused as a whole")
    func baselineHeader() {
        let (rows, problems) = BaselineCSV.parse("ward,month,resolved\n00286,2025-03,1\n", districtOf: { _ in "007" })
        #expect(rows.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("online_dossiers") == true)
    }
}
