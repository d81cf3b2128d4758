import Coordinator
import Foundation
import XungKich
import XungKichWire

/// Synthetic but plausible coordinator input for the statistics benchmark: cases spread over a year, two
/// districts of 18 wards, teams of seven per ward, the district files' real procedures and fields, the
/// domain's own channels, age bands and outcomes, an outcome mix like the simulator's, one in ten cases
/// declined once, a third waiting for the citizen. Seeded, so two runs build the same data.
///
/// Each case is drawn once, typed (``Case``), and then written either as the fact the coordinator would hold
/// (for the query benchmark) or as the dispatcher events that fold into that fact (for the ingest benchmark).
struct StatsWorkload {
    /// Procedures of config/hai-ba-trung.yaml with their fields.
    static let procedures: [(code: String, field: String)] = [
        ("1.001193", "G15-TP07"), ("1.000894", "G15-TP07"), ("1.000656", "G15-TP07"), ("2.000815", "G15-TP03"),
        ("2.000884", "G15-TP03"), ("1.004222", "G01-CA05"), ("1.004194", "G01-CA05"), ("1.002755", "G01-CA05"),
        ("1.003677", "G01-CA05"), ("1.010038", "G01-CA05"), ("1.001699", "G07-LĐ03"), ("1.011607", "G07-LĐ03"),
    ]
    static let channels: [Channel] = [.walkIn, .hotline, .zalo, .doorToDoor]
    /// Weighted towards the elderly, as the teams' work is: five draws in nine are 60 or over.
    static let ageBands: [AgeBand] = [.from18To39, .from18To39, .from40To59, .from40To59, .from60To69, .from60To69,
                                      .from70To79, .from70To79, .from80]
    static let outcomes: [(outcome: Outcome, weight: Int)] = [
        (.submittedFullOnline, 35), (.submittedPartialOnline, 20), (.vneidOnly, 8), (.guidedOnly, 12),
        (.referredOneStop, 5), (.failed, 15), (.cancelled, 5),
    ]
    static let reasons: [FailureReason] = [.noVNeIDLevel2, .portalError, .missingDocuments, .citizenUnreachable]
    static let start = 1_704_042_000.0   // 2024-01-01 00:00 Hanoi

    /// One case as drawn, before it is written as a fact or as events.
    struct Case {
        struct Resolution {
            var at: Double
            var outcome: Outcome
            var mode: SubmissionMode?
            var dossiers: Int?
            var failureReason: FailureReason?
        }

        var district: String
        var requestID: String
        var ward: String
        var procedure: (code: String, field: String)
        var channel: Channel
        var ageBand: AgeBand
        var residentialGroup: String
        var citizen: String?
        var received: Double
        var assigned: Double
        /// The team that declined the case before `team` took it, if one did.
        var decliner: String?
        var team: String
        var contact: Double?
        var waited: Double
        /// Nil while the case is open.
        var resolution: Resolution?

        var priority: Bool { ageBand >= .from70To79 }
    }

    var random: SplitMix

    init(seed: UInt64 = 2024) {
        random = SplitMix(seed: seed)
    }

    /// The facts of `count` finished or open cases, as the coordinator would hold them after folding.
    mutating func facts(count: Int) -> [RequestFact] {
        (0..<count).map { fact(index: $0, of: count) }
    }

    /// Case `index` of `count` as its fact.
    mutating func fact(index: Int, of count: Int) -> RequestFact {
        Self.fact(of: draw(index: index, of: count))
    }

    /// Draws case `index` of `count`.
    mutating func draw(index: Int, of count: Int) -> Case {
        let district = index % 2 == 0 ? "007" : "250"
        let wardNumber = Int(random.next() % 18)
        let ward = String(format: district == "007" ? "%05d" : "09%03d", 241 + wardNumber * 3)
        let procedure = Self.procedures[Int(random.next() % UInt64(Self.procedures.count))]
        let channel = Self.channels[Int(random.next() % UInt64(Self.channels.count))]
        let ageBand = Self.ageBands[Int(random.next() % UInt64(Self.ageBands.count))]
        let group = "TDP \(random.next() % 30 + 1)"
        let citizen = random.next() % 10 < 7 ? String(random.next() % UInt64(count / 2 + 1), radix: 16) : nil
        let received = Self.start + Double(index) / Double(max(count, 1)) * 365 * 86_400
        let assigned = received + Double(random.next() % 1800 + 5)
        let team = "\(ward)-T0\(random.next() % 7 + 1)"
        let decliner = random.next() % 10 == 0 ? "\(ward)-T08" : nil
        var c = Case(district: district, requestID: String(format: "%@-%07d", district, index), ward: ward,
                     procedure: procedure, channel: channel, ageBand: ageBand, residentialGroup: group, citizen: citizen,
                     received: received, assigned: assigned, decliner: decliner, team: team, contact: nil, waited: 0)
        let open = Double(index) > Double(count) * 0.995
        // Contact comes after the team took the case (assigned + 1), so the events stay in their order.
        if !open || random.next() % 2 == 0 { c.contact = assigned + 2 + Double(random.next() % 7200) }
        if c.contact != nil, random.next() % 3 == 0 { c.waited = Double(random.next() % 86_400 + 1) }
        guard !open else { return c }
        var pick = Int(random.next() % 100)
        var outcome = Self.outcomes[0].outcome
        for (candidate, weight) in Self.outcomes {
            if pick < weight { outcome = candidate; break }
            pick -= weight
        }
        var resolution = Case.Resolution(at: (c.contact ?? received) + c.waited + Double(random.next() % 172_800 + 600),
                                         outcome: outcome)
        if outcome.isOnlineSubmission {
            resolution.mode = outcome == .submittedFullOnline ? .fullProcess : .partial
            resolution.dossiers = Int(random.next() % 2 + 1)
        }
        if outcome.requiresFailureReason { resolution.failureReason = Self.reasons[Int(random.next() % 4)] }
        c.resolution = resolution
        return c
    }

    /// The fact the coordinator folds `c`'s events into.
    static func fact(of c: Case) -> RequestFact {
        var f = RequestFact(district: c.district, requestID: c.requestID, ward: c.ward)
        f.procedure = c.procedure.code
        f.field = c.procedure.field
        f.channel = c.channel.rawValue
        f.helpType = HelpType.submitDossier.rawValue
        f.ageBand = c.ageBand.rawValue
        f.residentialGroup = c.residentialGroup
        f.citizen = c.citizen
        f.priority = c.priority
        f.receivedAt = c.received
        f.firstAssignedAt = c.assigned
        f.firstContactAt = c.contact
        f.waitedSeconds = c.waited
        f.team = c.team
        f.assignments = c.decliner == nil ? 1 : 2
        f.declinedBy = c.decliner.map { [$0] } ?? []
        guard let r = c.resolution else {
            f.state = (c.contact == nil ? RequestState.assigned : .inProgress).rawValue
            return f
        }
        f.state = RequestState.resolved.rawValue
        f.resolvedAt = r.at
        f.outcome = r.outcome.rawValue
        f.mode = r.mode?.rawValue
        f.legacyLevel = r.mode?.legacyLevel
        f.dossierCount = r.dossiers
        f.failureReason = r.failureReason?.rawValue
        return f
    }

    /// The events a dispatcher would publish for case `c`, without sequence numbers: accepted, delivered,
    /// assigned (after a decline, twice), contact, a wait for the citizen, resolved.
    static func events(of c: Case) -> [WireEvent] {
        var events: [WireEvent] = []
        func add(_ at: Double, _ kind: EventKind, _ state: RequestState, _ detail: EventDetail) {
            events.append(WireEvent(seq: 0, at: at, kind: kind, state: state, detail: detail,
                                    requestId: RequestID(c.requestID), ward: WardCode(c.ward)))
        }
        var accepted = EventDetail()
        accepted.procedure = c.procedure.code
        accepted.field = c.procedure.field
        accepted.priority = c.priority
        accepted.helpType = .submitDossier
        accepted.channel = c.channel
        accepted.ageBand = c.ageBand
        accepted.residentialGroup = c.residentialGroup
        accepted.citizen = c.citizen
        add(c.received, .accepted, .triaged, accepted)
        var delivered = EventDetail()
        delivered.attempt = 1
        add(c.assigned, .delivered, .assigned, delivered)
        var update = 0
        func report(_ state: RequestState, team: String) -> EventDetail {
            update += 1
            var detail = EventDetail()
            detail.state = state
            detail.team = TeamID(team)
            detail.update = update
            return detail
        }
        if let decliner = c.decliner { add(c.assigned + 0.5, .progress, .assigned, report(.assigned, team: decliner)) }
        add(c.assigned + 1, .progress, .assigned, report(.assigned, team: c.team))
        if let contact = c.contact {
            add(contact, .progress, .inProgress, report(.inProgress, team: c.team))
            if c.waited > 0 {
                add(contact + 1, .progress, .waitingCitizen, report(.waitingCitizen, team: c.team))
                add(contact + 1 + c.waited, .progress, .inProgress, report(.inProgress, team: c.team))
            }
        }
        if let r = c.resolution {
            var resolved = EventDetail()
            resolved.outcome = r.outcome
            resolved.team = TeamID(c.team)
            resolved.mode = r.mode
            resolved.legacyLevel = r.mode?.legacyLevel
            resolved.dossiers = r.dossiers.map { count in (1...max(count, 1)).map { "\(c.requestID)-D\($0)" } }
            resolved.failureReason = r.failureReason
            add(r.at, .resolved, .resolved, resolved)
        }
        return events
    }

    /// The events a dispatcher would publish for `count` cases, as the JSON bodies of its PUB socket, in
    /// publication order (by time, then sequence number per district).
    mutating func eventBodies(cases count: Int) -> [(district: String, body: [UInt8])] {
        var timeline: [(district: String, event: WireEvent)] = []
        timeline.reserveCapacity(count * 6)
        for index in 0..<count {
            let c = draw(index: index, of: count)
            timeline += Self.events(of: c).map { (c.district, $0) }
        }
        // By time; events at the same instant keep the order they were made in.
        timeline = timeline.enumerated().sorted { ($0.element.event.at, $0.offset) < ($1.element.event.at, $1.offset) }
            .map(\.element)
        var seq: [String: Int64] = [:]
        return timeline.map { district, event in
            var event = event
            let next = (seq[district] ?? 0) + 1
            seq[district] = next
            event.seq = next
            return (district, WireJSON.encode(event))
        }
    }
}

/// A small, fast, seeded generator (SplitMix64), so benchmark data is the same from run to run.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
