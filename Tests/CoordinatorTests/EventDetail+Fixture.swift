import XungKich
import XungKichWire

extension EventDetail {
    /// A detail with the given fields set, for writing test events in one line.
    static func with(
        procedure: String? = nil, field: String? = nil, priority: Bool? = nil, helpType: HelpType? = nil,
        channel: Channel? = nil, ageBand: AgeBand? = nil, residentialGroup: String? = nil, citizen: String? = nil,
        attempt: Int? = nil, to: WardCode? = nil, outcome: Outcome? = nil, declined: Bool? = nil, update: Int? = nil,
        team: TeamID? = nil, waitReason: WaitReason? = nil, failureReason: FailureReason? = nil,
        mode: SubmissionMode? = nil, legacyLevel: Int? = nil, dossiers: Int? = nil
    ) -> EventDetail {
        var detail = EventDetail()
        detail.procedure = procedure
        detail.field = field
        detail.priority = priority
        detail.helpType = helpType
        detail.channel = channel
        detail.ageBand = ageBand
        detail.residentialGroup = residentialGroup
        detail.citizen = citizen
        detail.attempt = attempt
        detail.to = to
        detail.outcome = outcome
        detail.declined = declined
        detail.update = update
        detail.team = team
        detail.waitReason = waitReason
        detail.failureReason = failureReason
        detail.mode = mode
        detail.legacyLevel = legacyLevel
        // Only the number of dossiers counts in the statistics; their codes are made up.
        detail.dossiers = dossiers.map { count in (0..<count).map { "000.00.07.H26-TEST-\($0)" } }
        return detail
    }
}
