import XungKichWire
import Foundation
import XungKich

extension FactTable {
    /// Statistics grouped by `request.groupBy` over the requests received in the period, and the backlog of
    /// the same requests: one pass over the facts, then quantiles by selection. Rows are ordered by key, a
    /// `nil` key first.
    func report(_ request: StatsRequest) -> StatsReport {
        // A district never seen has no requests, rather than all of them.
        let districtFilter: UInt32? = request.district.map { code($0) ?? UInt32.max }
        let wardFilter: UInt32? = request.ward.map { code($0) ?? UInt32.max }
        let since = request.since ?? -.infinity, until = request.until ?? .infinity
        let groupBy = request.groupBy
        var slots = [Int32](repeating: -1, count: 1024)
        var groups: [GroupAccumulator] = []
        var keyCodes: [Int] = []
        var openByState: [UInt32: Int] = [:]

        func slot(_ keyCode: Int) -> Int {
            if keyCode >= slots.count { slots += [Int32](repeating: -1, count: keyCode + 1024 - slots.count) }
            let existing = slots[keyCode]
            if existing >= 0 { return Int(existing) }
            slots[keyCode] = Int32(groups.count)
            groups.append(GroupAccumulator(key: nil))
            keyCodes.append(keyCode)
            return groups.count - 1
        }

        let (byUnit, byGroup, extraNames) = groupBy == .ward ? regroupCodes(request.regroup) : ([:], [:], [:])
        for (position, c) in facts.enumerated() {
            guard c.flags.contains(.received), c.receivedAt >= since, c.receivedAt < until else { continue }
            if let districtFilter, c.district != districtFilter { continue }
            if let wardFilter, c.ward != wardFilter { continue }
            if c.flags.contains(.open) { openByState[c.state, default: 0] += 1 }
            var keyCode = Self.keyCode(of: c, groupBy)
            if !byUnit.isEmpty || !byGroup.isEmpty {
                keyCode = byGroup[c.residentialGroup] ?? byUnit[c.ward] ?? keyCode
            }
            let index = slot(keyCode)
            groups[index].add(c, slaSeconds: request.slaSeconds, countWorkload: groupBy != .team, figures: request.figures)
            if groupBy == .team, c.declines > 0 {
                for team in declinedBy[position] ?? [] { groups[slot(Int(team))].addDecline() }
            }
        }
        var rows: [StatsRow] = []
        rows.reserveCapacity(groups.count)
        let reach = request.figures.contains(.reach)
        var citizenStamps = [UInt32](repeating: 0, count: reach ? citizens.count : 0)
        var groupStamps = [UInt32](repeating: 0, count: reach ? self.groups.count : 0)
        for index in groups.indices {
            groups[index].row.key = extraNames[keyCodes[index]] ?? keyString(keyCodes[index], groupBy)
            rows.append(groups[index].finish(group: UInt32(index + 1), citizenStamps: &citizenStamps,
                                             groupStamps: &groupStamps))
        }
        rows.sort { a, b in
            switch (a.key, b.key) {
            case (nil, _): b.key != nil
            case (_, nil): false
            case let (x?, y?): x < y
            }
        }
        var backlog: [String: Int] = [:]
        for (state, count) in openByState { backlog[string(state) ?? "UNKNOWN", default: 0] += count }
        return StatsReport(rows: rows, backlog: backlog)
    }

    /// `regroup` as key codes: by the unit's symbol, by the residential group's symbol (unit U+001F group), and
    /// names for target units no fact was filed under (numbered past the symbol table, so they never collide).
    private func regroupCodes(_ regroup: [String: String]) -> (byUnit: [UInt32: Int], byGroup: [UInt32: Int], names: [Int: String]) {
        var byUnit: [UInt32: Int] = [:], byGroup: [UInt32: Int] = [:], names: [Int: String] = [:]
        var extra: [String: Int] = [:]
        func target(_ name: String) -> Int {
            if let known = code(name) { return Int(known) }
            if let made = extra[name] { return made }
            let made = symbolCount + extra.count
            extra[name] = made
            names[made] = name
            return made
        }
        for (from, to) in regroup {
            if from.contains("\u{1F}") {
                if let group = groupCode(from) { byGroup[group] = target(to) }
            } else if let unit = code(from) {
                byUnit[unit] = target(to)
            }
        }
        return (byUnit, byGroup, names)
    }

    /// The integer a fact groups under: a symbol code, or a Hanoi day number for days and weeks.
    static func keyCode(of c: CompactFact, _ groupBy: StatsDimension) -> Int {
        switch groupBy {
        case .district: Int(c.district)
        case .ward: Int(c.ward)
        case .team: Int(c.team)
        case .field: Int(c.field)
        case .procedure: Int(c.procedure)
        case .channel: Int(c.channel)
        case .ageBand: Int(c.ageBand)
        case .outcome: Int(c.outcome)
        case .failureReason: Int(c.failureReason)
        case .day: hanoiDay(c.receivedAt)
        case .week:
            // Day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 is 0 on Mondays.
            hanoiDay(c.receivedAt) - (hanoiDay(c.receivedAt) + 3) % 7
        case .month: HanoiDate.firstOfMonth(dayNumber: hanoiDay(c.receivedAt))
        }
    }

    static func hanoiDay(_ time: Double) -> Int {
        max(0, Int(((time + HanoiDate.utcOffset) / 86_400).rounded(.down)))
    }

    private func keyString(_ keyCode: Int, _ groupBy: StatsDimension) -> String? {
        switch groupBy {
        case .day, .week: HanoiDate.isoDay(Date(timeIntervalSince1970: Double(keyCode) * 86_400))
        case .month: String(HanoiDate.isoDay(Date(timeIntervalSince1970: Double(keyCode) * 86_400)).prefix(7))
        default: string(UInt32(keyCode))
        }
    }
}
