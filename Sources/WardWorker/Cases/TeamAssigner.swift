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
        field: String, ward: String, config: DistrictConfig,
        openCases: [String: Int], unavailable: Set<String>, lastAssigned: [String: Double],
        excluding: Set<String> = []
    ) -> Team? {
        config.teams(inWard: ward, forField: field)
            .filter { !unavailable.contains($0.id) && !excluding.contains($0.id) }
            .min { a, b in
                let loadA = openCases[a.id] ?? 0, loadB = openCases[b.id] ?? 0
                if loadA != loadB { return loadA < loadB }
                let lastA = lastAssigned[a.id] ?? -Double.infinity
                let lastB = lastAssigned[b.id] ?? -Double.infinity
                if lastA != lastB { return lastA < lastB }
                return a.id < b.id
            }
    }
}
