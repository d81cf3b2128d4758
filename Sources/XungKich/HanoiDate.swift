import Foundation

/// Calendar days as Hanoi counts them (UTC+7, no daylight saving).
///
/// Validity dates in the configs are civil days, not instants: "valid to 2024-12-31" means
/// until midnight in Hanoi, which is 17:00 UTC. Doing the arithmetic here, instead of with a
/// `Calendar` and the machine's time zone, keeps results the same on every server.
public enum HanoiDate {
    /// Hanoi's offset from UTC.
    public static let utcOffset: TimeInterval = 7 * 3600
    private static let secondsPerDay: TimeInterval = 86_400

    /// The instant a day starts in Hanoi, or `nil` if `isoDay` is not a real `YYYY-MM-DD` date.
    public static func startOfDay(_ isoDay: String) -> Date? {
        let parts = isoDay.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let days = daysFromEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days) * secondsPerDay - utcOffset)
    }

    /// The Hanoi calendar day of an instant, as `YYYY-MM-DD`.
    public static func isoDay(_ date: Date) -> String {
        let local = date.timeIntervalSince1970 + utcOffset
        let days = Int((local / secondsPerDay).rounded(.down))
        let (year, month, day) = civil(fromDays: days)
        let yyyy = String(year).leftPadded(to: 4)
        return "\(yyyy)-\(String(month).leftPadded(to: 2))-\(String(day).leftPadded(to: 2))"
    }

    /// Whether `date` falls on or after the day starting at `from` and on or before the day `to`.
    public static func isWithin(_ date: Date, from: Date, to: Date?) -> Bool {
        guard date >= from else { return false }
        guard let to else { return true }
        return date < to.addingTimeInterval(secondsPerDay)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
    // calendar without touching Foundation's time-zone database.
    private static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day number (days since 1970-01-01) of the first day of the month holding day number `days`.
    public static func firstOfMonth(dayNumber days: Int) -> Int {
        let (year, month, _) = civil(fromDays: days)
        return daysFromEpoch(year: year, month: month, day: 1)
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension HanoiDate {
    /// The Hanoi calendar day of an instant as Vietnamese documents write it, `DD/MM/YYYY`.
    public static func dayMonthYear(_ date: Date) -> String {
        let parts = isoDay(date).split(separator: "-")
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}

extension HanoiDate {
    /// Seconds since 1970 written with a `DateFormatter` pattern in Hanoi's time (UTC+7), e.g. `dd/MM/yyyy HH:mm`.
    /// `locale` only matters for patterns with names; the default writes them as in English.
    public static func format(_ seconds: Double, _ pattern: String, locale: String = "en_US_POSIX") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = TimeZone(secondsFromGMT: Int(utcOffset))
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
