/// How a help request ended. Fixed vocabulary: statistics and reports are defined on it.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// A dossier was filed toàn trình (full-process; legacy level 4).
    case submittedFullOnline = "SUBMITTED_FULL_ONLINE"
    /// A dossier was filed một phần (partial online; legacy level 3).
    case submittedPartialOnline = "SUBMITTED_PARTIAL_ONLINE"
    /// VNeID was set up or recovered; no dossier yet. Most help is this.
    case vneidOnly = "VNEID_ONLY"
    /// The citizen was shown how and will file alone.
    case guidedOnly = "GUIDED_ONLY"
    /// Sent to the one-stop desk / public administration service centre in person.
    case referredOneStop = "REFERRED_ONE_STOP"
    /// Sent to the ward police, e.g. because a level-2 VNeID account is needed.
    case referredPoliceVNeID = "REFERRED_POLICE_VNEID"
    /// Help was attempted and failed; a ``FailureReason`` is required.
    case failed = "FAILED"
    /// Administrative closure: withdrawn by the citizen or the ward.
    case cancelled = "CANCELLED"
    /// Administrative closure: same need as another request.
    case duplicate = "DUPLICATE"
    /// Administrative closure: not something the teams handle.
    case outOfScope = "OUT_OF_SCOPE"

    /// Counts towards online conversion (online submissions ÷ resolved requests).
    public var isOnlineSubmission: Bool {
        self == .submittedFullOnline || self == .submittedPartialOnline
    }

    /// Closures that say nothing about the quality of help and are left out of outcome rates.
    public var isAdministrativeClosure: Bool {
        self == .cancelled || self == .duplicate || self == .outOfScope
    }

    /// Only failures must say why, so the Pareto of failure reasons stays complete.
    public var requiresFailureReason: Bool { self == .failed }
}
