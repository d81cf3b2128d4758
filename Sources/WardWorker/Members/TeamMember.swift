import XungKich

/// A team member who logs in to the team page: a login name, the team they belong to, and a bcrypt hash of
/// their password (the password itself is never stored or sent).
public struct TeamMember: Sendable, Hashable {
    public var name: String
    public var team: TeamID
    public var passwordHash: String

    public init(name: String, team: TeamID, passwordHash: String) {
        self.name = name
        self.team = team
        self.passwordHash = passwordHash
    }

    /// Login names: 2–40 letters, digits, dots, dashes or underscores (they appear in case histories).
    public static func isValidName(_ name: String) -> Bool {
        (2...40).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }
}
