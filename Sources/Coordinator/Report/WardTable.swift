import XungKichWire
import Foundation

/// The per-ward uptake table `xk demo` shows live: one section per district with every ward of its
/// configuration (zeros until its first request), a district total line, and a grand total when there are
/// several districts. A pure function of the coordinator's rows, so it is tested without sockets.
///
/// Columns: received, open, online toàn trình (`fullProcess`), online một phần (`onlineSubmissions −
/// fullProcess`), conversion (online submissions ÷ resolved, shown with numerator and denominator) and the
/// median time from receipt to resolution.
public enum WardTable {
    /// A ward as the table labels it.
    public struct Unit: Sendable, Equatable {
        /// GSO code, the key of the coordinator's `by: ward` rows.
        public var code: String
        /// Name with diacritics, e.g. "Bạch Mai".
        public var name: String

        /// Creates a label.
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// One district's block of rows.
    public struct Section: Sendable, Equatable {
        /// District GSO code, the key of the coordinator's `by: district` rows.
        public var code: String
        /// Shown above the block and on its total line, e.g. "Quận Hai Bà Trưng".
        public var title: String
        /// The district's wards, in the order to show them.
        public var units: [Unit]

        /// Creates a section.
        public init(code: String, title: String, units: [Unit]) {
            self.code = code
            self.title = title
            self.units = units
        }
    }

    /// The column titles, first the label column.
    public static let header = ["ward", "received", "open", "toàn trình", "một phần", "conversion", "median to resolve"]
    /// The same in Vietnamese.
    public static let headerVietnamese = ["phường/xã", "tiếp nhận", "đang mở", "toàn trình", "một phần", "tỉ lệ trực tuyến",
                                          "trung vị thời gian xử lý"]

    /// Renders the table as lines without trailing newlines.
    ///
    /// - Parameters:
    ///   - sections: the districts and their wards; a ward missing from `wardRows` shows zeros.
    ///   - wardRows: the coordinator's rows grouped `by: ward`; rows of wards in no section are ignored.
    ///   - districtRows: rows grouped `by: district`, for each district total's median; without a row the
    ///     total line sums the wards and shows no median.
    ///   - overallMedianSeconds: the median over every district, for the grand total (several sections only).
    ///   - vietnamese: headers and total lines in Vietnamese (`XK_LANG=vi`); codes, names and figures unchanged.
    public static func render(sections: [Section], wardRows: [StatsRow], districtRows: [StatsRow] = [],
                              overallMedianSeconds: Double? = nil, vietnamese: Bool = false) -> [String] {
        let header = vietnamese ? headerVietnamese : header
        let total = vietnamese ? "tổng" : "total"
        var byWard: [String: StatsRow] = [:]
        // Rows key on units (CODE@first day); the table lists one layout, so one unit per code.
        for row in wardRows {
            guard let key = row.key else { continue }
            byWard[key] = row
            if let at = key.firstIndex(of: "@") { byWard[String(key[..<at])] = row }
        }
        var byDistrict: [String: StatsRow] = [:]
        for row in districtRows { if let key = row.key { byDistrict[key] = row } }

        enum Line { case title(String), cells([String]), rule }
        var lines: [Line] = [.cells(header), .rule]
        var sums: [StatsRow] = []
        for (index, section) in sections.enumerated() {
            if sections.count > 1 {
                if index > 0 { lines.append(.title("")) }
                lines.append(.title("\(section.title) (\(section.code))"))
            }
            let rows = section.units.map { byWard[$0.code] ?? StatsRow(key: $0.code) }
            for (unit, row) in zip(section.units, rows) {
                lines.append(.cells(cells(label: "\(unit.code) \(unit.name)", row: row)))
            }
            var sum = StatsRow.total(of: rows, key: section.code)
            sum.medianSecondsToResolve = byDistrict[section.code]?.medianSecondsToResolve
            sums.append(sum)
            lines.append(.rule)
            lines.append(.cells(cells(label: "\(total) \(section.title)", row: sum)))
        }
        if sections.count > 1 {
            var grand = StatsRow.total(of: sums, key: nil)
            grand.medianSecondsToResolve = overallMedianSeconds
            lines.append(.rule)
            lines.append(.cells(cells(label: vietnamese ? "tổng, \(sections.count) quận/thành phố" : "total, \(sections.count) districts", row: grand)))
        }

        let widths = header.indices.map { column in
            lines.reduce(0) { width, line in
                if case .cells(let cells) = line { return max(width, cells[column].count) }
                return width
            }
        }
        let totalWidth = widths.reduce(0, +) + 2 * (widths.count - 1)
        return lines.map { line in
            switch line {
            case .title(let text): return text
            case .rule: return String(repeating: "─", count: totalWidth)
            case .cells(let cells):
                return cells.enumerated().map { column, cell in
                    let pad = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 ? cell + pad : pad + cell
                }.joined(separator: "  ")
            }
        }
    }

    /// A conversion shown with what it is made of: `57% (21/37)`, or `–` when nothing is resolved yet.
    public static func percent(_ rate: Rate) -> String {
        guard let value = rate.value else { return "–" }
        return String(format: "%.0f%% (%d/%d)", value * 100, rate.numerator, rate.denominator)
    }

    /// Seconds in the unit a reader takes in at a glance: `2.4 s`, `3.5 min`, `2.0 h`; `–` when unknown.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        if seconds < 3600 { return String(format: "%.1f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }

    private static func cells(label: String, row: StatsRow) -> [String] {
        [label, "\(row.received)", "\(row.open)", "\(row.fullProcess)", "\(row.onlineSubmissions - row.fullProcess)",
         percent(row.conversion), duration(row.medianSecondsToResolve)]
    }
}
