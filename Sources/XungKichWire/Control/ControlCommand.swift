import XungKich

/// A team member's command to the ward worker's control endpoint (`xk cases`, `xk case …`, `xk team …`):
/// `{"command": "accept", "id": "007-0000042", "team": "HBT-BM-01"}`, `{"command": "list", "team": …,
/// "state": …}`, `{"command": "team", "team": …, "available": false}`.
public struct ControlCommand: Codable, Sendable, Hashable {
    public enum Name: String, Codable, Sendable, CaseIterable {
        case list, team
        case accept, decline, contact, wait, resume, submit, guide, vneid, refer, fail
        /// Add a team member's login for the team page (`xk team member add`).
        case memberAdd = "member-add"
    }

    public var command: Name
    /// The case, for every step.
    public var id: RequestID?
    /// accept and decline: the team; list: only this team's cases; team: which team.
    public var team: TeamID?
    /// list: only cases in this state.
    public var state: RequestState?
    /// team: whether it takes new cases.
    public var available: Bool?
    /// contact and fail: kept at the ward only.
    public var note: String?
    /// wait: why the case waits on the citizen.
    public var waitReason: WaitReason?
    /// fail: why.
    public var failureReason: FailureReason?
    /// refer: where to.
    public var to: ReferralTarget?
    /// submit: how the dossier was filed, its level, codes and portal.
    public var mode: SubmissionMode?
    public var legacyLevel: Int?
    public var dossiers: [String]?
    public var portal: String?
    /// member-add: the member's login name; a step: the member who took it (recorded in the case's history).
    public var member: String?
    /// member-add: the bcrypt hash of the member's password, made by `xk` (the password never crosses the wire).
    public var passwordHash: String?

    private enum LegacyKeys: String, CodingKey { case reason }

    public init(_ command: Name, id: RequestID? = nil) {
        self.command = command
        self.id = id
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try WireVocabulary.decode(Name.self, from: c, forKey: .command)
        id = try c.decodeIfPresent(RequestID.self, forKey: .id)
        team = try c.decodeIfPresent(TeamID.self, forKey: .team)
        state = try WireVocabulary.decodeIfPresent(RequestState.self, from: c, forKey: .state)
        available = try c.decodeIfPresent(Bool.self, forKey: .available)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        waitReason = try WireVocabulary.decodeIfPresent(WaitReason.self, from: c, forKey: .waitReason)
        failureReason = try WireVocabulary.decodeIfPresent(FailureReason.self, from: c, forKey: .failureReason)
        // The previous release sent both reasons as "reason".
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        if command == .wait, waitReason == nil {
            waitReason = try WireVocabulary.decodeIfPresent(WaitReason.self, from: legacy, forKey: .reason)
        }
        if command == .fail, failureReason == nil {
            failureReason = try WireVocabulary.decodeIfPresent(FailureReason.self, from: legacy, forKey: .reason)
        }
        to = try WireVocabulary.decodeIfPresent(ReferralTarget.self, from: c, forKey: .to)
        mode = try WireVocabulary.decodeIfPresent(SubmissionMode.self, from: c, forKey: .mode)
        legacyLevel = try c.decodeIfPresent(Int.self, forKey: .legacyLevel)
        dossiers = try c.decodeIfPresent([String].self, forKey: .dossiers)
        portal = try c.decodeIfPresent(String.self, forKey: .portal)
        member = try c.decodeIfPresent(String.self, forKey: .member)
        passwordHash = try c.decodeIfPresent(String.self, forKey: .passwordHash)
    }
}
