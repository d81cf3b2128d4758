import XungKichWire
import Foundation
import XungKich

extension FactTable {
    /// Statistic 5 over whole months; see ``ContributionRow``.
    func contribution(baseline: [BaselineRow], firstMonth: String, lastMonth: String,
                      district: String?) -> [ContributionRow] {
        guard let first = HanoiDate.startOfDay(firstMonth + "-01"), HanoiDate.startOfDay(lastMonth + "-01") != nil
        else { return [] }
        // The months asked, as instants [from, to): found once, so the scan compares numbers, not dates.
        var months: [(name: String, from: Double, to: Double)] = []
        var start = first
        while true {
            let name = String(HanoiDate.isoDay(start).prefix(7))
            guard name <= lastMonth else { break }
            let next = Self.firstOfNextMonth(start)
            months.append((name, start.timeIntervalSince1970, next.timeIntervalSince1970))
            start = next
        }
        guard let from = months.first?.from, let to = months.last?.to else { return [] }

        // Wards by their code as text: facts key on units (CODE@first day), the portal's figures on the bare code,
        // and the month tells the periods apart, so the join is on the code.
        struct WardKey: Hashable { var district: UInt32; var ward: String }
        struct WardMonth: Hashable { var ward: WardKey; var month: Int }
        var rows: [String: ContributionRow] = [:]
        // Wards some request came from, by their symbol codes: what the scan below looks facts up by.
        var rowOfWard: [WardKey: String] = [:]
        var reported: Set<WardMonth> = []
        for b in baseline where b.month >= firstMonth && b.month <= lastMonth && (district == nil || b.district == district) {
            let key = b.district + "|" + b.ward
            var row = rows[key] ?? ContributionRow(district: b.district, ward: b.ward)
            row.months += 1
            row.officialResolved += b.dossiersResolved
            row.officialOnline += b.onlineDossiers
            row.officialFullProcess += b.fullProcessDossiers
            row.officialOnTime += b.onTimeDossiers
            rows[key] = row
            if let districtCode = code(b.district), let month = months.firstIndex(where: { $0.name == b.month }) {
                let ward = WardKey(district: districtCode, ward: b.ward)
                rowOfWard[ward] = key
                reported.insert(WardMonth(ward: ward, month: month))
            }
        }
        var codeOfUnit: [UInt32: String] = [:]
        for c in facts where c.flags.contains(.online) && c.resolvedAt >= from && c.resolvedAt < to {
            let wardCode: String
            if let known = codeOfUnit[c.ward] {
                wardCode = known
            } else {
                wardCode = String((symbols.string(c.ward) ?? "").prefix { $0 != "@" })
                codeOfUnit[c.ward] = wardCode
            }
            let ward = WardKey(district: c.district, ward: wardCode)
            // Only months the portal reported count, so both sides of the rate cover the same time.
            guard let key = rowOfWard[ward], let month = months.firstIndex(where: { c.resolvedAt < $0.to }),
                  reported.contains(WardMonth(ward: ward, month: month))
            else { continue }
            let dossiers = max(1, Int(c.dossierCount))
            rows[key]?.assistedOnlineDossiers += dossiers
            if c.flags.contains(.fullProcess) { rows[key]?.assistedFullProcessDossiers += dossiers }
        }
        return rows.values.sorted { ($0.district, $0.ward) < ($1.district, $1.ward) }
    }

    private static func firstOfNextMonth(_ start: Date) -> Date {
        // 32 days after the 1st is always in the next month; go back to that month's first day.
        let later = HanoiDate.isoDay(start.addingTimeInterval(32 * 86_400))
        return HanoiDate.startOfDay(String(later.prefix(7)) + "-01") ?? start
    }
}
