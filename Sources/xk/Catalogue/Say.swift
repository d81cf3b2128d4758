/// The sentences people read from `xk`, in one place, in English (the default) and Vietnamese (`XK_LANG=vi`, or
/// `lang: vi` in the settings file). Each area's sentences are in their own `Say+Area.swift`.
///
/// Codes stay as they are in both languages (states, outcomes, ids, GSO codes, service names, flags): they are
/// what the other tools, the logs and the statistics show, and what a ward officer types. Refusals written by
/// the dispatcher, a worker or the coordinator arrive in English; `xk` puts the Vietnamese name of their kind in
/// front of them (``refusal(_:)``).
enum Say {
    static let vietnamese = (Settings.value(.lang) ?? "").lowercased().hasPrefix("vi")

    static func say(_ english: String, _ vietnamese: String) -> String { Self.vietnamese ? vietnamese : english }

    static var total: String { say("total", "tổng") }
    static var none: String { say("none", "không có") }

    static func minutes(_ count: Int) -> String { say("\(count) min", "\(count) phút") }
    static func hours(_ hours: Int, _ minutes: Int) -> String { say("\(hours) h \(minutes.twoDigits)", "\(hours) giờ \(minutes.twoDigits)") }
    static func days(_ count: Int) -> String { say("\(count) d", "\(count) ngày") }
}

private extension Int {
    var twoDigits: String { self < 10 ? "0\(self)" : "\(self)" }
}
