import Coordinator
import Foundation
import XungKich
import XungKichWire

/// The figures the pages and the API show, asked of the coordinator (through the cache) and put together
/// with the districts' ward and field names.
struct DashboardData: Sendable {
    let cache: AnswerCache
    let configs: [DistrictConfig]
    let slaHours: Double
    /// Days the per-day charts cover.
    static let chartDays = 30

    /// One ward's line of the overview (or the district's total, `code` nil).
    struct WardLine: Sendable {
        var code: String?
        var name: String
        var row: StatsRow
    }

    /// A ward's name by its code or its unit (`CODE@first day`, as the coordinator keys requests).
    func wardName(_ code: String) -> String? { configs.wardName(code) }

    /// The statistics key of a configured ward: its unit (`CODE@first day`), since the GSO reused codes for new
    /// units and the coordinator keeps them apart; the code itself when no file names it.
    func unitKey(_ code: String) -> String {
        configs.lazy.compactMap { $0.ward(code: code)?.key.text }.first ?? code
    }

    func fieldName(_ code: String) -> String? {
        configs.lazy.compactMap { $0.field(code: code)?.name }.first
    }

    /// Every configured ward's line (a ward without requests too), in configuration order, and each district's total.
    func overview() async throws -> (wards: [WardLine], totals: [WardLine]) {
        let byWard = try await cache.stats(query(.ward, figures: [.timeliness]))
        let byDistrict = try await cache.stats(query(.district, figures: [.timeliness]))
        let rows = Dictionary(byWard.rows.compactMap { row in row.key.map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        let totals = Dictionary(byDistrict.rows.compactMap { row in row.key.map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        var wards: [WardLine] = []
        var districtLines: [WardLine] = []
        for config in configs {
            for ward in config.wards {
                wards.append(WardLine(code: ward.code, name: ward.name, row: rows[ward.key.text] ?? StatsRow(key: ward.code)))
            }
            districtLines.append(WardLine(code: nil, name: config.district.name,
                                          row: totals[config.district.code] ?? StatsRow(key: config.district.code)))
        }
        return (wards, districtLines)
    }

    /// Requests per day over the last ``chartDays`` days (every day, zero when none), for a ward or all.
    func perDay(ward: String?, now: Double = Date().timeIntervalSince1970) async throws -> [StatsRow] {
        var q = query(.day, figures: [])
        q.ward = ward.map(unitKey)
        let firstDay = HanoiDay.start(of: now) - Double(Self.chartDays - 1) * 86_400
        q.since = firstDay
        let rows = Dictionary(try await cache.stats(q).rows.compactMap { row in row.key.map { ($0, row) } },
                              uniquingKeysWith: { a, _ in a })
        return (0..<Self.chartDays).map { offset in
            let key = HanoiDay.iso(firstDay + Double(offset) * 86_400)
            return rows[key] ?? StatsRow(key: key)
        }
    }

    /// Rows by field (outcomes), for a ward or all.
    func byField(ward: String?) async throws -> [StatsRow] {
        var q = query(.field, figures: [])
        q.ward = ward.map(unitKey)
        return try await cache.stats(q).rows
    }

    /// The failure reasons ranked, for a ward or all.
    func pareto(ward: String?) async throws -> FailurePareto {
        var q = query(.failureReason, figures: [])
        q.ward = ward.map(unitKey)
        return FailurePareto(rows: try await cache.stats(q).rows)
    }

    /// One ward's line.
    func ward(_ code: String) async throws -> WardLine? {
        guard let name = wardName(code) else { return nil }
        var q = query(.ward, figures: [.timeliness])
        q.ward = unitKey(code)
        let row = try await cache.stats(q).rows.first { $0.key == q.ward } ?? StatsRow(key: code)
        return WardLine(code: code, name: name, row: row)
    }

    private func query(_ by: StatsDimension, figures: [StatsQueryMessage.Figure]) -> StatsQueryMessage {
        var q = StatsQueryMessage(report: .stats, by: by)
        q.slaHours = slaHours
        q.figures = figures
        return q
    }
}

/// Hanoi calendar days (UTC+7, no daylight saving), as the statistics key them.
enum HanoiDay {
    /// The start (seconds since 1970) of the Hanoi day holding `time`.
    static func start(of time: Double) -> Double {
        ((time + HanoiDate.utcOffset) / 86_400).rounded(.down) * 86_400 - HanoiDate.utcOffset
    }

    /// `YYYY-MM-DD` of the Hanoi day holding `time`.
    static func iso(_ time: Double) -> String { HanoiDate.isoDay(Date(timeIntervalSince1970: time)) }
}
