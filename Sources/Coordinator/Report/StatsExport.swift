import Foundation
import XungKichWire

/// Statistics as they leave the system (`xk stats --format csv|json`): every figure of every group, with what
/// could point at a person suppressed, and a note saying so.
///
/// The rules (a group is the requests sharing a key; ``minimumCell`` is 5):
/// - a group of fewer than 5 received requests shows only its key, marked suppressed;
/// - in the other groups, a column counting citizens (``ExportColumn/countsCitizens``) with a value of 1 to 4
///   is suppressed: `<5` in CSV, null in JSON with the column listed in `suppressedCells`. Zero identifies
///   nobody and is kept;
/// - a rate is suppressed when its numerator or denominator is 1 to 4 (``ExportedRate``).
public struct StatsExport: Sendable, Equatable, Encodable {
    /// The smallest count of citizens an export shows.
    public static let minimumCell = 5

    /// What the output says about suppression, first line of a CSV and `note` of a JSON export.
    public static let note = "groups with fewer than \(minimumCell) citizens (received < \(minimumCell)) are suppressed: "
        + "only their key is shown; in the other groups, counts of 1 to \(minimumCell - 1) citizens are suppressed "
        + "(<5 in CSV, null in JSON, listed in suppressedCells) and so are rates made from them"

    /// One value of an exported row.
    public enum Cell: Sendable, Equatable {
        case count(Int)
        case seconds(Double)
        /// The row has no such value (a median over no requests).
        case none
        /// A count of 1 to 4 citizens.
        case suppressed
    }

    /// One group as exported.
    public struct Row: Sendable, Equatable, Encodable {
        /// The group's key; nil for requests lacking the dimension's value.
        public var key: String?
        /// The whole group is suppressed (fewer than ``minimumCell`` requests): only the key is shown.
        public var isSuppressed: Bool
        /// The values in ``ExportColumn/all`` order; empty for a suppressed group.
        public var cells: [Cell]
        /// Names of the columns suppressed in this row, in column order.
        public var suppressedCells: [String]
        /// Every rate of the row with what it is made of (names as the API spells them: `conversion`, …).
        public var rates: [String: ExportedRate]

        /// `{"key": …, "suppressed": true}` for a suppressed group; otherwise every column (null when
        /// suppressed or missing), `suppressedCells` when any, and `rates`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ColumnKey.self)
            if let key { try container.encode(key, forKey: ColumnKey("key")) } else { try container.encodeNil(forKey: ColumnKey("key")) }
            if isSuppressed {
                try container.encode(true, forKey: ColumnKey("suppressed"))
                return
            }
            for (column, cell) in zip(ExportColumn.all, cells) {
                try encode(cell, as: column.name, into: &container)
                // Also under their API names, which scripts that read earlier exports use.
                if column.name == "online_submissions" { try encode(cell, as: "onlineSubmissions", into: &container) }
                if column.name == "full_process" { try encode(cell, as: "fullProcess", into: &container) }
            }
            if !suppressedCells.isEmpty { try container.encode(suppressedCells, forKey: ColumnKey("suppressedCells")) }
            try container.encode(rates, forKey: ColumnKey("rates"))
        }

        private func encode(_ cell: Cell, as name: String, into container: inout KeyedEncodingContainer<ColumnKey>) throws {
            switch cell {
            case .count(let value): try container.encode(value, forKey: ColumnKey(name))
            case .seconds(let value): try container.encode(value, forKey: ColumnKey(name))
            case .none, .suppressed: try container.encodeNil(forKey: ColumnKey(name))
            }
        }
    }

    /// The dimension's name, e.g. `ward`.
    public var by: String
    /// The SLA the rows' adherence was measured against, in hours.
    public var slaHours: Double
    /// One per group, in the coordinator's order.
    public var rows: [Row]
    /// ``StatsExport/note``, carried in the JSON.
    public var note: String

    /// The export of `rows`, grouped by `by` with an SLA of `slaHours`.
    public init(rows: [StatsRow], by: StatsDimension, slaHours: Double) {
        self.by = by.rawValue
        self.slaHours = slaHours
        self.rows = rows.map(Self.row)
        note = Self.note
    }

    static func row(_ row: StatsRow) -> Row {
        guard row.received >= minimumCell else {
            return Row(key: row.key, isSuppressed: true, cells: [], suppressedCells: [], rates: [:])
        }
        var cells: [Cell] = []
        var suppressed: [String] = []
        for column in ExportColumn.all {
            guard let value = column.value(row) else {
                cells.append(.none)
                continue
            }
            if column.countsCitizens, value > 0, value < Double(minimumCell) {
                cells.append(.suppressed)
                suppressed.append(column.name)
            } else {
                cells.append(column.kind == .count ? .count(Int(value)) : .seconds(value))
            }
        }
        return Row(key: row.key, isSuppressed: false, cells: cells, suppressedCells: suppressed,
                   rates: rates(of: row).mapValues { ExportedRate($0) })
    }

    /// Every rate of a row, by the name exports give it.
    public static func rates(of row: StatsRow) -> [String: Rate] {
        ["conversion": row.conversion, "fullProcessShare": row.fullProcessShare,
         "legacyLevel4Share": row.legacyLevel4Share, "elderlyShare": row.elderlyShare,
         "slaAdherence": row.slaAdherence, "declineRate": row.declineRate, "reassignRate": row.reassignRate]
    }

    /// The CSV export as lines (no line ends), as a spreadsheet opens it with no help: the header, one line per
    /// group, no comment lines; what was suppressed is said in each row's last column (`suppression`), and the
    /// note (``note``) goes beside the file (the command prints it on standard error).
    public func csvLines() -> [String] {
        var lines = [([by] + ExportColumn.all.map(\.name) + ["suppression"]).joined(separator: ",")]
        for row in rows {
            let key = row.key.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" } ?? ""
            guard !row.isSuppressed else {
                lines.append(key + ",suppressed" + String(repeating: ",", count: ExportColumn.all.count - 1)
                             + ",whole group (fewer than \(Self.minimumCell) citizens)")
                continue
            }
            let cells = row.cells.map { cell -> String in
                switch cell {
                case .count(let value): String(value)
                case .seconds(let value): value.rounded() == value ? String(format: "%.0f", value) : String(format: "%.3f", value)
                case .none: ""
                case .suppressed: "<\(Self.minimumCell)"
                }
            }
            let said = row.suppressedCells.isEmpty ? "" : "\"<\(Self.minimumCell): \(row.suppressedCells.joined(separator: " "))\""
            lines.append(([key] + cells + [said]).joined(separator: ","))
        }
        return lines
    }
}

/// A JSON key made at run time (an export's column names).
private struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
