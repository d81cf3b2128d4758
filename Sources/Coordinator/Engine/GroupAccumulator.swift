import XungKichWire

/// One group's running totals while the engine scans the facts.
struct GroupAccumulator {
    var row: StatsRow
    var assignTimes: [Double] = []
    var contactTimes: [Double] = []
    var resolveTimes: [Double] = []
    /// Citizen and residential-group codes as met (with repeats); counted distinct in `finish`.
    var citizens: [UInt32] = []
    var groups: [UInt32] = []

    init(key: String?) {
        row = StatsRow(key: key)
    }

    /// Adds one fact that belongs to the group (received, in the period).
    mutating func add(_ c: CompactFact, slaSeconds: Double, countWorkload: Bool, figures: StatsFigures) {
        let f = c.flags
        row.received += 1
        if f.contains(.resolved) { row.resolved += 1 }
        if f.contains(.open) {
            row.open += 1
            row.oldestOpenReceivedAt = min(row.oldestOpenReceivedAt ?? c.receivedAt, c.receivedAt)
        }
        if f.contains(.online) {
            row.onlineSubmissions += 1
            row.onlineDossiers += max(1, Int(c.dossierCount))
            if f.contains(.legacyLevel4) { row.legacyLevel4 += 1 }
            if f.contains(.legacyLevel3) { row.legacyLevel3 += 1 }
        }
        if f.contains(.fullProcess) { row.fullProcess += 1 }
        if f.contains(.failed) { row.failed += 1 }
        if f.contains(.aged60Plus) { row.aged60Plus += 1 }
        if c.citizen != 0 { row.identifiedRequests += 1 }
        if figures.contains(.reach) {
            if c.citizen != 0 { citizens.append(c.citizen) }
            if c.residentialGroup != 0 { groups.append(c.residentialGroup) }
        }
        if figures.contains(.timeliness) {
            if !c.assignedAt.isNaN { assignTimes.append(c.assignedAt - c.receivedAt) }
            if !c.contactAt.isNaN { contactTimes.append(c.contactAt - c.receivedAt) }
        }
        if f.contains(.resolved), !c.resolvedAt.isNaN {
            let seconds = c.resolvedAt - c.receivedAt
            resolveTimes.append(seconds)
            row.slaMeasured += 1
            if seconds - c.waitedSeconds <= slaSeconds { row.withinSLA += 1 }
        }
        if c.assignments > 0 { row.assigned += 1 }
        if c.declines > 0 { row.reassigned += 1 }
        if countWorkload {
            row.assignments += Int(c.assignments)
            row.declines += Int(c.declines)
        } else if c.team != 0 {
            // Grouped by team: this row holds the case once; declines count in the decliners' rows.
            row.assignments += 1
        }
    }

    /// A decline of some case by this group's team (grouping by team).
    mutating func addDecline() {
        row.declines += 1
        row.assignments += 1
    }

    /// The finished row: distinct counts and quantiles. `stamp` arrays (one slot per citizen / group code,
    /// shared by the groups of one query) mark codes already counted; `group` is this group's mark.
    mutating func finish(group: UInt32, citizenStamps: inout [UInt32], groupStamps: inout [UInt32]) -> StatsRow {
        row.citizens = Self.distinct(citizens, mark: group, stamps: &citizenStamps)
        row.residentialGroups = Self.distinct(groups, mark: group, stamps: &groupStamps)
        (row.medianSecondsToAssign, row.p90SecondsToAssign) = Quantiles.medianAndP90(&assignTimes)
        (row.medianSecondsToFirstContact, row.p90SecondsToFirstContact) = Quantiles.medianAndP90(&contactTimes)
        (row.medianSecondsToResolve, row.p90SecondsToResolve) = Quantiles.medianAndP90(&resolveTimes)
        return row
    }

    /// Distinct values of `codes`: a hash set per group cost a fifth of a million-case query; a stamp per code
    /// costs one array write.
    private static func distinct(_ codes: [UInt32], mark: UInt32, stamps: inout [UInt32]) -> Int {
        var count = 0
        stamps.withUnsafeMutableBufferPointer { seen in
            for code in codes where seen[Int(code)] != mark {
                seen[Int(code)] = mark
                count += 1
            }
        }
        return count
    }
}
