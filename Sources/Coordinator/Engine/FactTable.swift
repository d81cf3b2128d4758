/// Every request's fact, in memory and compact, with the symbol tables that decode it: what the engine
/// scans to answer a query. Facts are replaced whole, after the store has committed them.
struct FactTable {
    private struct Key: Hashable {
        var district: UInt32
        var requestID: String
    }

    private(set) var facts: [CompactFact] = []
    private(set) var requestIDs: [String] = []
    private var index: [Key: Int] = [:]
    /// Teams that declined, for the few facts that have any (by fact index).
    private(set) var declinedBy: [Int: [UInt32]] = [:]
    /// District, ward, team, field… codes.
    private(set) var symbols = SymbolTable()
    /// "ward\u{1F}group" codes.
    private(set) var groups = SymbolTable()
    private(set) var citizens = SymbolTable()

    var count: Int { facts.count }

    /// The fact of a request, decoded; nil when unknown.
    func fact(district: String, requestID: String) -> RequestFact? {
        guard let districtCode = symbols.existingCode(district),
              let position = index[Key(district: districtCode, requestID: requestID)]
        else { return nil }
        return decode(position)
    }

    /// Inserts or replaces a request's fact.
    mutating func upsert(_ fact: RequestFact) {
        let key = Key(district: symbols.code(fact.district), requestID: fact.requestID)
        let compact = compact(fact, district: key.district)
        if let position = index[key] {
            facts[position] = compact
            setDeclined(fact, at: position)
        } else {
            index[key] = facts.count
            facts.append(compact)
            requestIDs.append(fact.requestID)
            setDeclined(fact, at: facts.count - 1)
        }
    }

    private mutating func setDeclined(_ fact: RequestFact, at position: Int) {
        if fact.declinedBy.isEmpty {
            declinedBy[position] = nil
        } else {
            declinedBy[position] = fact.declinedBy.map { symbols.code($0) }
        }
    }

    private mutating func compact(_ f: RequestFact, district: UInt32) -> CompactFact {
        CompactFact(
            district: district, ward: symbols.code(f.ward), team: symbols.code(f.team), field: symbols.code(f.field),
            procedure: symbols.code(f.procedure), channel: symbols.code(f.channel), helpType: symbols.code(f.helpType),
            ageBand: symbols.code(f.ageBand), state: symbols.code(f.state), outcome: symbols.code(f.outcome),
            failureReason: symbols.code(f.failureReason), mode: symbols.code(f.mode),
            residentialGroup: groups.code(f.residentialGroup.map { f.ward + "\u{1F}" + $0 }),
            citizen: citizens.code(f.citizen),
            receivedAt: f.receivedAt ?? .nan, assignedAt: f.firstAssignedAt ?? .nan, contactAt: f.firstContactAt ?? .nan,
            resolvedAt: f.resolvedAt ?? .nan, waitingSince: f.waitingSince ?? .nan, waitedSeconds: f.waitedSeconds,
            dossierCount: f.dossierCount.map { Int32(clamping: $0) } ?? -1,
            legacyLevel: f.legacyLevel.map { Int16(clamping: $0) } ?? -1,
            assignments: UInt16(clamping: f.assignments), flags: CompactFact.flags(of: f),
            declines: UInt16(clamping: f.declinedBy.count))
    }

    private func decode(_ position: Int) -> RequestFact {
        let c = facts[position]
        func time(_ value: Double) -> Double? { value.isNaN ? nil : value }
        var f = RequestFact(district: symbols.string(c.district) ?? "", requestID: requestIDs[position],
                            ward: symbols.string(c.ward) ?? "")
        f.team = symbols.string(c.team)
        f.field = symbols.string(c.field)
        f.procedure = symbols.string(c.procedure)
        f.channel = symbols.string(c.channel)
        f.helpType = symbols.string(c.helpType)
        f.ageBand = symbols.string(c.ageBand)
        f.state = symbols.string(c.state)
        f.outcome = symbols.string(c.outcome)
        f.failureReason = symbols.string(c.failureReason)
        f.mode = symbols.string(c.mode)
        f.residentialGroup = groups.string(c.residentialGroup).map { String($0.split(separator: "\u{1F}", maxSplits: 1).last ?? "") }
        f.citizen = citizens.string(c.citizen)
        f.priority = c.flags.contains(.priorityKnown) ? c.flags.contains(.priority) : nil
        f.receivedAt = time(c.receivedAt)
        f.firstAssignedAt = time(c.assignedAt)
        f.firstContactAt = time(c.contactAt)
        f.resolvedAt = time(c.resolvedAt)
        f.waitingSince = time(c.waitingSince)
        f.waitedSeconds = c.waitedSeconds
        f.dossierCount = c.dossierCount < 0 ? nil : Int(c.dossierCount)
        f.legacyLevel = c.legacyLevel < 0 ? nil : Int(c.legacyLevel)
        f.assignments = Int(c.assignments)
        f.declinedBy = (declinedBy[position] ?? []).compactMap { symbols.string($0) }
        return f
    }

    /// The symbol code of a string if it was ever seen.
    func code(_ string: String) -> UInt32? { symbols.existingCode(string) }
    /// The code of a residential group as facts key it (unit U+001F group), if any request came from it.
    func groupCode(_ string: String) -> UInt32? { groups.existingCode(string) }
    var symbolCount: Int { symbols.count }
    func string(_ code: UInt32) -> String? { symbols.string(code) }
}
