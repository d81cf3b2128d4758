extension StatsRow {
    /// The groups summed into one row (keyed `key`): every count and every rate's numerator and denominator add
    /// up, because each request (and each assignment or decline) falls in exactly one group. Medians,
    /// percentiles and distinct counts (citizens, residential groups) do not add up; they stay empty here and the
    /// tables show "–" for them.
    public static func total(of rows: [StatsRow], key: String? = "total") -> StatsRow {
        var total = StatsRow(key: key)
        for r in rows {
            total.received += r.received
            total.resolved += r.resolved
            total.open += r.open
            total.onlineSubmissions += r.onlineSubmissions
            total.fullProcess += r.fullProcess
            total.legacyLevel4 += r.legacyLevel4
            total.legacyLevel3 += r.legacyLevel3
            total.onlineDossiers += r.onlineDossiers
            total.failed += r.failed
            total.aged60Plus += r.aged60Plus
            total.identifiedRequests += r.identifiedRequests
            total.withinSLA += r.withinSLA
            total.slaMeasured += r.slaMeasured
            total.assignments += r.assignments
            total.declines += r.declines
            total.assigned += r.assigned
            total.reassigned += r.reassigned
        }
        total.oldestOpenReceivedAt = rows.compactMap(\.oldestOpenReceivedAt).min()
        return total
    }
}
