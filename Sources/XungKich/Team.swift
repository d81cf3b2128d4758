/// A ward's digital shock team (tổ xung kích số / tổ công nghệ số cộng đồng).
public struct Team: Sendable, Hashable, Codable {
    /// Stable id: the ward code, "-T" and the team number, e.g. "00286-T03". Putting the ward
    /// in the id makes a misfiled team visible at a glance in logs and statistics.
    public var id: String
    /// GSO code of the ward the team belongs to.
    public var wardCode: String
    /// Display name, e.g. "Tổ xung kích số 3 – Bạch Mai".
    public var name: String
    /// Number of people in the team; at least 1 (national guidance asks for four or more).
    public var members: Int
    /// Codes of the fields (``Field``) the team can help with; dispatch only offers a request
    /// to teams whose skills include its field.
    public var skills: [String]
    /// Inactive teams stay in the config so history and statistics still resolve their id.
    public var active: Bool
    /// The team's id in the layout it came from, when it moved at a boundary change (e.g. "00259-T01").
    public var formerID: String? = nil
    /// Moved from a ward that was split, to the successor a rule chose: the ward must confirm (or move) it.
    public var toBeConfirmed = false

    /// Creates a team; use ``DistrictConfig/load(path:)`` to get validated ones.
    public init(
        id: String, wardCode: String, name: String, members: Int,
        skills: [String], active: Bool = true
    ) {
        self.id = id
        self.wardCode = wardCode
        self.name = name
        self.members = members
        self.skills = skills
        self.active = active
    }

    /// Whether the team lists the given field code among its skills.
    public func canHandle(field code: String) -> Bool {
        skills.contains(code)
    }
}
