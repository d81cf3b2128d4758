import Testing
import WardWorker
import XungKich

@Suite("Team assignment")
struct TeamAssignerTests {
    /// Active Bạch Mai (00286) teams with Hộ tịch (G15-TP07), in id order.
    static let hoTich: [TeamID] = ["00286-T01", "00286-T04", "00286-T06", "00286-T10", "00286-T11", "00286-T13"]

    private func pick(
        _ config: DistrictConfig, field: String = "G15-TP07", open: [TeamID: Int] = [:],
        unavailable: Set<TeamID> = [], last: [TeamID: Double] = [:], excluding: Set<TeamID> = []
    ) -> TeamID? {
        TeamAssigner.assign(field: field, ward: "00286", config: config, openCases: open,
                            unavailable: unavailable, lastAssigned: last, excluding: excluding).map { TeamID($0.id) }
    }

    @Test func onlyTeamsWithTheSkill() throws {
        let config = try Fixture.haiBaTrung()
        #expect(pick(config) == "00286-T01")
        #expect(pick(config, field: "G13-TN02") == "00286-T05")
        // Every pick over all fields has the skill and is of the ward.
        for field in config.fields.map(\.code) {
            let team = try #require(TeamAssigner.assign(
                field: field, ward: "00286", config: config, openCases: [:], unavailable: [], lastAssigned: [:]))
            #expect(team.canHandle(field: field))
            #expect(team.wardCode == "00286")
        }
    }

    @Test func inactiveUnavailableAndExcludedTeamsAreSkipped() throws {
        let config = try Fixture.haiBaTrung(deactivating: ["00286-T01"])
        #expect(pick(config) == "00286-T04")
        #expect(pick(config, unavailable: ["00286-T04"]) == "00286-T06")
        #expect(pick(config, unavailable: ["00286-T04"], excluding: ["00286-T06"]) == "00286-T10")
    }

    @Test func fewestOpenCasesWins() throws {
        let config = try Fixture.haiBaTrung()
        var open = Dictionary(uniqueKeysWithValues: Self.hoTich.map { ($0, 3) })
        open["00286-T11"] = 1
        open["00286-T05"] = 0  // no Hộ tịch skill: load elsewhere does not matter
        // T11 wins even though it was assigned most recently.
        #expect(pick(config, open: open, last: ["00286-T11": 900, "00286-T01": 1]) == "00286-T11")
    }

    @Test func tiesGoToLeastRecentlyAssignedThenId() throws {
        let config = try Fixture.haiBaTrung()
        let last = Dictionary(uniqueKeysWithValues: Self.hoTich.enumerated().map { ($1, Double(100 - $0)) })
        // All assigned before: T13 (time 95) is the least recent.
        #expect(pick(config, last: last) == "00286-T13")
        // A team never assigned goes first; among never-assigned, lowest id.
        var some = last
        some["00286-T06"] = nil
        some["00286-T10"] = nil
        #expect(pick(config, last: some) == "00286-T06")
    }

    @Test func nilWhenNoTeamCanTakeIt() throws {
        let config = try Fixture.haiBaTrung()
        #expect(pick(config, field: "G99-XX01") == nil)
        #expect(TeamAssigner.assign(field: "G15-TP07", ward: "99999", config: config,
                                    openCases: [:], unavailable: [], lastAssigned: [:]) == nil)
        #expect(pick(config, unavailable: Set(Self.hoTich)) == nil)
        // Bạch Mai's Hoạt động xây dựng teams all inactive: no one has the skill.
        let noBuilders = try Fixture.haiBaTrung(deactivating: ["00286-T05", "00286-T09", "00286-T14"])
        #expect(pick(noBuilders, field: "G17-XD11") == nil)
    }

    /// Cases closed as fast as they come: equal load, so teams take strict turns.
    @Test func roundRobinWhenCasesCloseQuickly() throws {
        let config = try Fixture.haiBaTrung()
        var last: [TeamID: Double] = [:]
        var order: [TeamID] = []
        for i in 0..<60 {
            let team = try #require(pick(config, last: last))
            last[team] = Double(i)
            order.append(team)
        }
        #expect(order == Array(repeating: Self.hoTich, count: 10).flatMap { $0 })
    }

    /// Cases that stay open for varying times: at every step the pick has the fewest open cases,
    /// and among the teams tied on that, it is the one assigned least recently.
    @Test func everyPickIsLeastLoadedThenLeastRecent() throws {
        let config = try Fixture.haiBaTrung()
        var open: [TeamID: Int] = [:]
        var last: [TeamID: Double] = [:]
        var pending: [(team: TeamID, closesAt: Int)] = []
        for i in 0..<600 {
            for c in pending where c.closesAt == i { open[c.team, default: 0] -= 1 }
            pending.removeAll { $0.closesAt == i }
            let team = try #require(pick(config, open: open, last: last))
            let minOpen = Self.hoTich.map { open[$0] ?? 0 }.min() ?? 0
            let tied = Self.hoTich.filter { open[$0] ?? 0 == minOpen }
            let leastRecent = tied.min { (last[$0] ?? -1, $0) < (last[$1] ?? -1, $1) }
            #expect(team == leastRecent, "step \(i)")
            open[team, default: 0] += 1
            last[team] = Double(i)
            pending.append((team, i + 1 + (i * 5) % 11))  // durations 1…11 steps
        }
    }

    /// Cases that all take the same time: over many assignments every skilled team gets the same share.
    @Test func equalSharesOverManyAssignmentsWithOpenCases() throws {
        let config = try Fixture.haiBaTrung()
        var open: [TeamID: Int] = [:]
        var last: [TeamID: Double] = [:]
        var total: [TeamID: Int] = [:]
        var pending: [(team: TeamID, closesAt: Int)] = []
        for i in 0..<600 {
            for c in pending where c.closesAt == i { open[c.team, default: 0] -= 1 }
            pending.removeAll { $0.closesAt == i }
            let team = try #require(pick(config, open: open, last: last))
            open[team, default: 0] += 1
            last[team] = Double(i)
            total[team, default: 0] += 1
            pending.append((team, i + 9))  // each case open for 9 steps: up to 2 per team at once
        }
        #expect(total == Dictionary(uniqueKeysWithValues: Self.hoTich.map { ($0, 100) }))
    }
}
