import XungKich
import XungKichWire

/// Active teams that had nothing in the period: no case held and none declined. A coordinator moves work
/// (or people) towards them, or asks the ward why.
public struct IdleTeams: Sendable, Equatable {
    /// The idle teams, in configuration order.
    public var idle: [Team]
    /// Active teams considered (of the district asked, or all).
    public var active: Int

    /// The idle teams among `teams`.
    ///
    /// - Parameters:
    ///   - rows: the statistics grouped by team (`--by team`) over the period.
    ///   - teams: the teams of the configuration files.
    ///   - districtOfWard: each ward's district (GSO codes), to keep only `district`'s teams.
    ///   - district: only this district's teams; nil for every team.
    public init(rows: [StatsRow], teams: [Team], districtOfWard: [String: String], district: String?) {
        // A team that declined a case held none of it, but it was given work: it was not idle.
        let busy = Set(rows.filter { $0.received > 0 || $0.assignments > 0 }.compactMap(\.key))
        let considered = teams.filter { team in
            team.active && (district == nil || districtOfWard[team.wardCode] == district)
        }
        idle = considered.filter { !busy.contains($0.id) }
        active = considered.count
    }
}
