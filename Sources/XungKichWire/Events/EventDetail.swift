import XungKich

/// The non-personal details of a journal event; which fields are set depends on the kind. Never a name,
/// a phone or a note: the citizen is at most a keyed pseudonym.
public struct EventDetail: Codable, Sendable, Hashable {
    // accepted
    public var procedure: String?
    public var field: String?
    public var priority: Bool?
    public var helpType: HelpType?
    public var channel: Channel?
    public var ageBand: AgeBand?
    public var residentialGroup: String?
    /// The citizen's keyed pseudonym (HMAC of the phone), for counting distinct citizens.
    public var citizen: String?
    /// accepted: the ended unit the request named (`CODE@YYYY-MM-DD`) when it was moved to its one whole
    /// successor. switched: the unit whose requests were moved.
    public var remappedFrom: String?
    /// switched, attention: the units a request of a split unit may go to (`CODE@YYYY-MM-DD`), for a person to choose.
    public var candidates: [String]?
    // delivered, overflow, redelivery, attention
    public var attempt: Int?
    /// overflow: the neighbouring ward that got it.
    public var to: WardCode?
    public var attempts: Int?
    public var retryInSeconds: Double?
    // progress, resolved, declined: from the worker's report
    public var state: RequestState?
    public var outcome: Outcome?
    public var declined: Bool?
    public var update: Int?
    public var team: TeamID?
    public var waitReason: WaitReason?
    public var failureReason: FailureReason?
    public var mode: SubmissionMode?
    public var legacyLevel: Int?
    public var dossiers: [String]?
    public var portal: String?
    public var referredTo: ReferralTarget?
    /// progress, resolved: the team member who took the step (their team-page login), when the ward knows it.
    public var member: String?

    /// Vocabulary values a newer release sent that this one does not know, by field (kept out of the typed
    /// fields, never sent on). An event is still read: one unknown outcome must not stop a follower.
    public var unrecognized: [String: String] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case procedure, field, priority, helpType, channel, ageBand, residentialGroup, citizen, attempt, to, attempts,
             retryInSeconds, state, outcome, declined, update, team, waitReason, failureReason, mode, legacyLevel,
             dossiers, portal, referredTo, member, remappedFrom, candidates
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var unknown: [String: String] = [:]
        func vocabulary<T: RawRepresentable & Decodable>(_ type: T.Type, _ key: CodingKeys) throws -> T? where T.RawValue == String {
            guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = T(rawValue: text) else {
                unknown[key.stringValue] = text
                return nil
            }
            return value
        }
        procedure = try c.decodeIfPresent(String.self, forKey: .procedure)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        priority = try c.decodeIfPresent(Bool.self, forKey: .priority)
        helpType = try vocabulary(HelpType.self, .helpType)
        channel = try vocabulary(Channel.self, .channel)
        ageBand = try vocabulary(AgeBand.self, .ageBand)
        residentialGroup = try c.decodeIfPresent(String.self, forKey: .residentialGroup)
        citizen = try c.decodeIfPresent(String.self, forKey: .citizen)
        attempt = try c.decodeIfPresent(Int.self, forKey: .attempt)
        to = try c.decodeIfPresent(WardCode.self, forKey: .to)
        attempts = try c.decodeIfPresent(Int.self, forKey: .attempts)
        retryInSeconds = try c.decodeIfPresent(Double.self, forKey: .retryInSeconds)
        state = try vocabulary(RequestState.self, .state)
        outcome = try vocabulary(Outcome.self, .outcome)
        declined = try c.decodeIfPresent(Bool.self, forKey: .declined)
        update = try c.decodeIfPresent(Int.self, forKey: .update)
        team = try c.decodeIfPresent(TeamID.self, forKey: .team)
        waitReason = try vocabulary(WaitReason.self, .waitReason)
        failureReason = try vocabulary(FailureReason.self, .failureReason)
        mode = try vocabulary(SubmissionMode.self, .mode)
        legacyLevel = try c.decodeIfPresent(Int.self, forKey: .legacyLevel)
        dossiers = try c.decodeIfPresent([String].self, forKey: .dossiers)
        portal = try c.decodeIfPresent(String.self, forKey: .portal)
        referredTo = try vocabulary(ReferralTarget.self, .referredTo)
        member = try c.decodeIfPresent(String.self, forKey: .member)
        remappedFrom = try c.decodeIfPresent(String.self, forKey: .remappedFrom)
        candidates = try c.decodeIfPresent([String].self, forKey: .candidates)
        unrecognized = unknown
    }

    /// The details a worker's report carries into the journal.
    public init(report: WorkerReport) {
        state = report.state
        outcome = report.outcome
        declined = report.declined
        update = report.update
        team = report.team
        waitReason = report.waitReason
        failureReason = report.failureReason
        mode = report.mode
        legacyLevel = report.legacyLevel
        dossiers = report.dossiers
        portal = report.portal
        referredTo = report.referredTo
        member = report.member
    }

    /// True when no field is set (the journal then stores no detail).
    public var isEmpty: Bool { self == EventDetail() }
}
