/// How the request reached the ward. Fixed vocabulary: reach statistics are broken down by it.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    /// The ward's or district's hotline.
    case hotline
    /// The citizen came to the ward office or service centre.
    case walkIn = "walk_in"
    /// A message on Zalo.
    case zalo
    /// A team member visited the household, e.g. an elderly citizen who cannot come in.
    case doorToDoor = "door_to_door"
    /// Passed on by someone else: the residential group head, the police, another ward.
    case referral
}
