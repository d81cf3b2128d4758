/// Quoting of values inside problem messages.
enum Quote {
    /// Longest text echoed back; a 10 kB note pasted into the wrong field should not be
    /// repeated in full in every error reply and log line.
    static let limit = 40

    /// The text in double quotes, shortened with "…" past ``limit`` characters.
    static func text(_ s: String) -> String {
        let short = s.count > limit ? String(s.prefix(limit)) + "…" : s
        return "\"\(short)\""
    }

    /// Whole numbers without a trailing ".0", so `286` reads as the sender wrote it.
    static func number(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
