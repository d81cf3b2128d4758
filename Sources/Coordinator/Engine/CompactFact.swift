import XungKichWire
import XungKich

/// A ``RequestFact`` as the engine scans it: strings replaced by ``SymbolTable`` codes, missing times as NaN
/// and the questions every query asks answered once, at insert, in ``Flags``.
struct CompactFact {
    struct Flags: OptionSet {
        let rawValue: UInt16
        static let received = Flags(rawValue: 1 << 0)
        static let resolved = Flags(rawValue: 1 << 1)
        static let open = Flags(rawValue: 1 << 2)
        static let online = Flags(rawValue: 1 << 3)
        static let fullProcess = Flags(rawValue: 1 << 4)
        static let failed = Flags(rawValue: 1 << 5)
        static let aged60Plus = Flags(rawValue: 1 << 6)
        static let legacyLevel4 = Flags(rawValue: 1 << 7)
        static let legacyLevel3 = Flags(rawValue: 1 << 8)
        static let priority = Flags(rawValue: 1 << 9)
        /// Whether the request said anything about priority (false and unknown differ in the store).
        static let priorityKnown = Flags(rawValue: 1 << 10)
    }

    var district: UInt32
    var ward: UInt32
    var team: UInt32
    var field: UInt32
    var procedure: UInt32
    var channel: UInt32
    var helpType: UInt32
    var ageBand: UInt32
    var state: UInt32
    var outcome: UInt32
    var failureReason: UInt32
    var mode: UInt32
    /// Code in the residential-group table (ward and group together: a group name repeats across wards).
    var residentialGroup: UInt32
    /// Code in the citizen table.
    var citizen: UInt32
    var receivedAt: Double
    var assignedAt: Double
    var contactAt: Double
    var resolvedAt: Double
    var waitingSince: Double
    var waitedSeconds: Double
    var dossierCount: Int32
    var legacyLevel: Int16
    var assignments: UInt16
    var flags: Flags
    /// How many times a team declined the case; the teams are in ``FactTable``'s side table.
    var declines: UInt16

    /// States in which a request without an outcome is no longer open.
    static let closedStates: Set<RequestState> = [.resolved, .closed, .cancelled]

    /// The definitions of StatsRow, decided once per fact from the domain's own vocabulary. An outcome the
    /// domain does not know still counts as resolved: it is not an administrative closure.
    static func flags(of fact: RequestFact) -> Flags {
        var flags: Flags = []
        if fact.receivedAt != nil { flags.insert(.received) }
        if let text = fact.outcome {
            let outcome = Outcome(rawValue: text)
            if outcome?.isAdministrativeClosure != true { flags.insert(.resolved) }
            if outcome?.isOnlineSubmission == true {
                flags.insert(.online)
                if fact.legacyLevel == 4 { flags.insert(.legacyLevel4) }
                if fact.legacyLevel == 3 { flags.insert(.legacyLevel3) }
            }
            if outcome == .submittedFullOnline { flags.insert(.fullProcess) }
            if outcome == .failed { flags.insert(.failed) }
        } else if !(fact.state.flatMap(RequestState.init(rawValue:)).map { closedStates.contains($0) } ?? false) {
            flags.insert(.open)
        }
        if fact.ageBand.flatMap(AgeBand.init(rawValue:))?.isSixtyOrOver == true { flags.insert(.aged60Plus) }
        if let priority = fact.priority {
            flags.insert(.priorityKnown)
            if priority { flags.insert(.priority) }
        }
        return flags
    }
}
