import XungKich

/// How a case ended at the ward: the outcome and its details, as recorded by the team.
///
/// Stored whole in the ward's case store; ``finalBody()`` is the subset sent to the dispatcher.
public struct Resolution: Sendable, Hashable, Codable {
    /// The outcome (SUBMITTED_FULL_ONLINE, GUIDED_ONLY, FAILED, …).
    public var outcome: Outcome
    /// For submissions: "toan-trinh" or "mot-phan" (``SubmissionMode`` raw values).
    public var mode: String?
    /// For submissions, when known: the Decree 43/2011 level, 3 or 4.
    public var legacyLevel: Int?
    /// For submissions: the dossier codes filed (one request can produce several).
    public var dossiers: [String]
    /// For submissions: the portal used, e.g. "dichvucong.gov.vn" or "dichvucong.hanoi.gov.vn".
    public var portal: String?
    /// For referrals: "one-stop" or "police-vneid" (``ReferralTarget`` raw values).
    public var referredTo: String?
    /// For failures: why.
    public var failureReason: FailureReason?
    /// The team that resolved the case.
    public var team: String?
    /// Free text kept at the ward only (may mention the citizen); never sent to the dispatcher.
    public var note: String?

    /// Creates a resolution; ``WardCase/apply(_:now:)`` builds validated ones.
    public init(
        outcome: Outcome, mode: String? = nil, legacyLevel: Int? = nil, dossiers: [String] = [],
        portal: String? = nil, referredTo: String? = nil, failureReason: FailureReason? = nil,
        team: String? = nil, note: String? = nil
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

    /// The JSON object the worker sends as its Majordomo FINAL reply:
    /// `{"outcome", "mode", "legacyLevel", "dossiers", "portal", "referredTo", "failureReason", "team"}`
    /// with absent values left out (`dossiers` only when there are some), keys sorted.
    /// The note is deliberately not included: it stays in the ward's store.
    public func finalBody() -> [UInt8] {
        var object: [String: Any] = ["outcome": outcome.rawValue]
        if let mode { object["mode"] = mode }
        if let legacyLevel { object["legacyLevel"] = legacyLevel }
        if !dossiers.isEmpty { object["dossiers"] = dossiers }
        if let portal { object["portal"] = portal }
        if let referredTo { object["referredTo"] = referredTo }
        if let failureReason { object["failureReason"] = failureReason.rawValue }
        if let team { object["team"] = team }
        return CaseJSON.object(object)
    }
}
