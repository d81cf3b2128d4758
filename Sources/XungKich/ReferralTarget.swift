
/// Where a team sends a citizen who cannot be helped online. Raw values are what team members type
/// (`xk case refer ID --to one-stop`) and what the FINAL reply carries as `referredTo`.
public enum ReferralTarget: String, Sendable, Hashable, Codable, CaseIterable {
    /// The one-stop desk (bộ phận một cửa) / public administration service centre, in person.
    case oneStop = "one-stop"
    /// The ward police, to create or restore a level-2 VNeID account.
    case policeVNeID = "police-vneid"

    /// The outcome a referral here records.
    public var outcome: Outcome {
        switch self {
        case .oneStop: .referredOneStop
        case .policeVNeID: .referredPoliceVNeID
        }
    }
}
