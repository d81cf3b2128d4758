import Foundation
import XungKich

extension FactTable {
    /// Statistic 5 over whole months; see ``ContributionRow``.
    func contribution(baseline: [BaselineRow], firstMonth: String, lastMonth: String,
                      district: String?) -> [ContributionRow] {
        guard let start = HanoiDate.startOfDay(firstMonth + "-01"),
              let lastStart = HanoiDate.startOfDay(lastMonth + "-01")
        else { return [] }
        // The instant after the last month: the first of the month that follows it.
        let end = Self.firstOfNextMonth(lastStart)
        var rows: [String: ContributionRow] = [:]
        for b in baseline where b.month >= firstMonth && b.month <= lastMonth && (district == nil || b.district == district) {
            let key = b.district + "|" + b.ward
            var row = rows[key] ?? ContributionRow(district: b.district, ward: b.ward, months: 0, officialResolved: 0,
                                                   officialOnline: 0, officialFullProcess: 0, officialOnTime: 0,
                                                   assistedOnlineDossiers: 0, assistedFullProcessDossiers: 0)
            row.months += 1
            row.officialResolved += b.dossiersResolved
            row.officialOnline += b.onlineDossiers
            row.officialFullProcess += b.fullProcessDossiers
            row.officialOnTime += b.onTimeDossiers
            rows[key] = row
        }
        let months = Set(baseline.map { $0.district + "|" + $0.ward + "|" + $0.month })
        let from = start.timeIntervalSince1970, to = end.timeIntervalSince1970
        for c in facts where c.flags.contains(.online) && c.resolvedAt >= from && c.resolvedAt < to {
            guard let districtCode = string(c.district), let ward = string(c.ward) else { continue }
            let key = districtCode + "|" + ward
            // Only months the portal reported count, so both sides of the rate cover the same time.
            let month = String(HanoiDate.isoDay(Date(timeIntervalSince1970: c.resolvedAt)).prefix(7))
            guard rows[key] != nil, months.contains(key + "|" + month) else { continue }
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
