import XungKich

/// Picks the team a new case goes to. Pure: the service passes in everything it knows.
///
/// Among the ward's active teams whose skills cover the field, not unavailable and not excluded
/// (e.g. teams that declined the case), the one with the fewest open cases wins. Ties go to the
/// team assigned least recently (a team never assigned goes first), then to the lowest team id,
/// so equally loaded teams take turns.
public enum TeamAssigner {
    /// The team to assign, or nil when no team can take the case.
    ///
    /// - Parameters:
    ///   - field: The procedure's field code, e.g. "G15-TP07".
    ///   - ward: The ward's GSO code, e.g. "00286".
    ///   - config: The district config listing the teams.
    ///   - openCases: Open (unresolved) cases per team id; missing means none.
    ///   - unavailable: Team ids marked unavailable for now.
    ///   - lastAssigned: When each team was last given a case (seconds since 1970); missing means never.
    ///   - excluding: Team ids to leave out for this case, e.g. those that declined it.
    public static func assign(
        field: String, ward: WardCode, config: DistrictConfig,
        openCases: [TeamID: Int], unavailable: Set<TeamID>, lastAssigned: [TeamID: Double],
        excluding: Set<TeamID> = []
    ) -> Team? {
        config.teams(inWard: ward.rawValue, forField: field)
            .filter { !unavailable.contains(TeamID($0.id)) && !excluding.contains(TeamID($0.id)) }
            .min { a, b in
                let (idA, idB) = (TeamID(a.id), TeamID(b.id))
                let loadA = openCases[idA] ?? 0, loadB = openCases[idB] ?? 0
                if loadA != loadB { return loadA < loadB }
                let lastA = lastAssigned[idA] ?? -Double.infinity
                let lastB = lastAssigned[idB] ?? -Double.infinity
                if lastA != lastB { return lastA < lastB }
                return a.id < b.id
            }
    }
}
