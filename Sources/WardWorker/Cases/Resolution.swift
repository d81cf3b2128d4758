import XungKich
import XungKichWire

/// How a case ended at the ward: the outcome and its details, as recorded by the team.
///
/// Stored whole in the ward's case store; ``report`` is the subset sent to the dispatcher.
public struct Resolution: Sendable, Hashable, Codable {
    /// The outcome (SUBMITTED_FULL_ONLINE, GUIDED_ONLY, FAILED, …).
    public var outcome: Outcome
    /// For submissions: toàn trình or một phần.
    public var mode: SubmissionMode?
    /// For submissions, when known: the Decree 43/2011 level, 3 or 4.
    public var legacyLevel: Int?
    /// For submissions: the dossier codes filed (one request can produce several).
    public var dossiers: [String]
    /// For submissions: the portal used, e.g. "dichvucong.gov.vn" or "dichvucong.hanoi.gov.vn".
    public var portal: String?
    /// For referrals: the one-stop desk or the police (VNeID).
    public var referredTo: ReferralTarget?
    /// For failures: why.
    public var failureReason: FailureReason?
    /// The team that resolved the case.
    public var team: TeamID?
    /// Free text kept at the ward only (may mention the citizen); never sent to the dispatcher.
    public var note: String?

    /// Creates a resolution; ``WardCase/apply(_:now:)`` builds validated ones.
    public init(
        outcome: Outcome, mode: SubmissionMode? = nil, legacyLevel: Int? = nil, dossiers: [String] = [],
        portal: String? = nil, referredTo: ReferralTarget? = nil, failureReason: FailureReason? = nil,
        team: TeamID? = nil, note: String? = nil
    ) {
        self.outcome = outcome
        self.mode = mode
        self.legacyLevel = legacyLevel
        self.dossiers = dossiers
        self.portal = portal
        self.referredTo = referredTo
        self.failureReason = failureReason
        self.team = team
        self.note = note
    }

    /// What the worker sends as its Majordomo FINAL reply: the outcome and its details, `dossiers` only
    /// when there are some. The note is deliberately not included: it stays in the ward's store.
    public var report: WorkerReport {
        WorkerReport(outcome: outcome, team: team, failureReason: failureReason,
                     mode: mode, legacyLevel: legacyLevel, dossiers: dossiers.isEmpty ? nil : dossiers, portal: portal,
                     referredTo: referredTo)
    }
}
