import XungKich

/// What a team member does to a case (`xk case accept|contact|wait|…`). Apply it with
/// ``WardCase/apply(_:now:)``, which checks it against the case's state.
public enum CaseCommand: Sendable, Hashable {
    /// The assigned team takes the case (ASSIGNED → ACCEPTED).
    case accept(team: TeamID)
    /// The team reached the citizen (ACCEPTED or WAITING_CITIZEN → IN_PROGRESS; logged again while
    /// IN_PROGRESS). The note stays at the ward.
    case contact(note: String?)
    /// The case pauses on the citizen (IN_PROGRESS → WAITING_CITIZEN; while waiting, changes the reason).
    case wait(reason: WaitReason)
    /// The citizen is back (WAITING_CITIZEN → IN_PROGRESS).
    case resume
    /// Dossier(s) filed online (→ RESOLVED, SUBMITTED_FULL_ONLINE or SUBMITTED_PARTIAL_ONLINE).
    /// `legacyLevel`, when given, must be 4 for toàn trình and 3 for một phần.
    case submit(mode: SubmissionMode, legacyLevel: Int?, dossiers: [String], portal: String?)
    /// The citizen was shown how and will file alone (→ RESOLVED, GUIDED_ONLY).
    case guide
    /// VNeID set up or recovered, no dossier yet (→ RESOLVED, VNEID_ONLY).
    case vneid
    /// Sent elsewhere in person (→ RESOLVED, REFERRED_ONE_STOP or REFERRED_POLICE_VNEID).
    case refer(to: ReferralTarget)
    /// Help failed (→ RESOLVED, FAILED). ``FailureReason/other`` needs a note; the note stays at the ward.
    case fail(reason: FailureReason, note: String?)
    /// The assigned team gives the case back (ASSIGNED or ACCEPTED → TRIAGED, no team).
    case decline(team: TeamID)

    /// The command's name as team members type it after `xk case`, also the history event kind.
    public var name: String {
        switch self {
        case .accept: "accept"
        case .contact: "contact"
        case .wait: "wait"
        case .resume: "resume"
        case .submit: "submit"
        case .guide: "guide"
        case .vneid: "vneid"
        case .refer: "refer"
        case .fail: "fail"
        case .decline: "decline"
        }
    }
}
