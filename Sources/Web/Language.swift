/// The language a page speaks: Vietnamese unless the visitor chose English (the switch, a cookie) or their
/// browser asks for English before Vietnamese.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    /// The visitor's language: `chosen` (the `?lang=` switch or the cookie it set) when it names one, else the
    /// first of vi/en in `acceptLanguage` by its q-values, else Vietnamese.
    public static func negotiate(chosen: String?, acceptLanguage: String?) -> Language {
        if let chosen, let language = Language(rawValue: chosen) { return language }
        guard let acceptLanguage else { return .vi }
        var best: (language: Language, q: Double)?
        for (index, part) in acceptLanguage.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: primary) else { continue }
            var q = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { q = Double(piece.dropFirst(2)) ?? 0 }
            // Equal weights: the one listed first wins (a tiny penalty per position).
            let weighted = q - Double(index) * 1e-6
            if q > 0, weighted > best?.q ?? -1 { best = (language, weighted) }
        }
        return best?.language ?? .vi
    }

    /// The phrase in this language.
    public func callAsFunction(_ phrase: Phrase) -> String {
        let entry = Catalogue.entries[phrase] ?? (vi: phrase.rawValue, en: phrase.rawValue)
        return self == .vi ? entry.vi : entry.en
    }
}
