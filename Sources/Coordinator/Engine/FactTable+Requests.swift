import XungKichWire

extension FactTable {
    /// The newest received requests as the public may see them, narrowed to a district, a ward, one id or the
    /// open ones; `oldestFirst` lists the oldest first, so a limit keeps the longest waiting.
    func publicRequests(district: String?, ward: String?, id: String?, limit: Int, openOnly: Bool = false,
                        oldestFirst: Bool = false) -> [PublicRequest] {
        let districtFilter: UInt32? = district.map { code($0) ?? UInt32.max }
        let wardFilter: UInt32? = ward.map { code($0) ?? UInt32.max }
        var chosen: [Int] = []
        for (position, c) in facts.enumerated() {
            guard c.flags.contains(.received) else { continue }
            if let districtFilter, c.district != districtFilter { continue }
            if let wardFilter, c.ward != wardFilter { continue }
            if let id, requestIDs[position] != id { continue }
            if openOnly, !c.flags.contains(.open) { continue }
            chosen.append(position)
        }
        // Newest (or oldest) first, then by id, so two equal times list the same way every time.
        if oldestFirst {
            chosen.sort { (facts[$0].receivedAt, requestIDs[$0]) < (facts[$1].receivedAt, requestIDs[$1]) }
        } else {
            chosen.sort { (facts[$1].receivedAt, requestIDs[$0]) < (facts[$0].receivedAt, requestIDs[$1]) }
        }
        return chosen.prefix(max(limit, 0)).map { position in
            let c = facts[position]
            let times = [c.receivedAt, c.assignedAt, c.contactAt, c.resolvedAt, c.waitingSince].filter { !$0.isNaN }
            return PublicRequest(
                id: requestIDs[position], district: string(c.district) ?? "", ward: string(c.ward) ?? "",
                procedure: string(c.procedure), field: string(c.field), helpType: string(c.helpType),
                state: string(c.state), outcome: string(c.outcome), open: c.flags.contains(.open),
                receivedAt: c.receivedAt, updatedAt: times.max() ?? c.receivedAt,
                waitedSeconds: c.waitedSeconds, waitingSince: c.waitingSince.isNaN ? nil : c.waitingSince)
        }
    }
}
