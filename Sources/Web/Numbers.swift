import Coordinator
import Foundation
import XungKich
import XungKichWire

/// How the dashboard writes numbers, dates and small cells: decimal comma and dd/MM/yyyy (as Vietnamese
/// officers write them, in both languages, so a figure reads the same after the switch), counts of 1 to 4
/// hidden as in the statistics exports (``StatsExport/minimumCell``).
enum Numbers {
    static let minimumCell = StatsExport.minimumCell

    /// A count as shown: `<5` for 1…4 (could point at a person), else the number.
    static func count(_ value: Int) -> String {
        (1..<minimumCell).contains(value) ? "<\(minimumCell)" : "\(value)"
    }

    /// A count for the JSON API: nil for 1…4.
    static func shownCount(_ value: Int) -> Int? {
        (1..<minimumCell).contains(value) ? nil : value
    }

    /// Whether a rate may be shown: neither count is 1…4.
    static func shows(_ rate: Rate) -> Bool {
        shownCount(rate.numerator) != nil && shownCount(rate.denominator) != nil
    }

    /// `12,5 %`: one decimal, decimal comma.
    static func percent(_ fraction: Double) -> String {
        decimal(fraction * 100, digits: 1) + " %"
    }

    /// A rate with what it is made of: `40,0 % (12/30)`; `–` without a denominator, `<5` when suppressed.
    static func rate(_ rate: Rate) -> String {
        guard shows(rate) else { return "<\(minimumCell)" }
        guard let value = rate.value else { return "–" }
        return "\(percent(value)) (\(rate.numerator)/\(rate.denominator))"
    }

    /// `value` with `digits` decimals and a decimal comma, no grouping.
    static func decimal(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// Hours as set on the command line: `72`, or `0,5` for a short demo's SLA.
    static func hours(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value))" : decimal(value, digits: 4)
            .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    /// `YYYY-MM-DD` (a statistics day key) as `dd/MM/yyyy`; anything else unchanged.
    static func day(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }

    /// `YYYY-MM-DD` as `dd/MM`, for chart axes.
    static func shortDay(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])" : iso
    }

    /// Seconds since 1970 as Hanoi time `dd/MM/yyyy HH:mm`.
    static func hanoiTime(_ seconds: Double) -> String {
        HanoiDate.format(seconds, "dd/MM/yyyy HH:mm")
    }

    /// Seconds since 1970 as ISO 8601 with Hanoi's offset (`2026-11-30T09:15:00+07:00`), as Open311 writes times.
    static func iso8601(_ seconds: Double) -> String {
        HanoiDate.format(seconds, "yyyy-MM-dd'T'HH:mm:ssxxx")
    }
}
