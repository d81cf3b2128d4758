import Foundation

/// Spots a password or OTP code written into a note, so it can be refused before it is stored.
///
/// Teams must never collect passwords or OTP codes, yet "quên mật khẩu VNeID" (forgot the VNeID
/// password) is the most common reason people ask for help. So the rule is deliberately narrow
/// and flags only a secret-like value right after a keyword:
///
/// - a keyword (case and diacritics ignored, whole words): mật khẩu, mật mã, password, pass,
///   passcode, OTP, mã PIN, mã xác thực, mã xác nhận;
/// - then optionally `:`, `=`, dashes, quotes and up to four filler words ("là", "mới", "cũ",
///   "VNeID", "của", "tôi", "số", …);
/// - then either a run of at least four digits (spaces, dots and dashes between them allowed:
///   "123 456"), or a word of six or more characters mixing letters and digits ("Lan@1960").
///
/// It will miss secrets written in other ways; it exists to stop the obvious case, not to
/// replace training.
enum SecretDetector {
    /// Keywords as matched (folded) and as shown in messages.
    private static let keywords: [(folded: [Character], shown: String)] = [
        ("mat khau", "mật khẩu"), ("mat ma", "mật mã"), ("password", "password"), ("passcode", "passcode"),
        ("pass", "pass"), ("otp", "OTP"), ("ma pin", "mã PIN"), ("ma xac thuc", "mã xác thực"),
        ("ma xac nhan", "mã xác nhận"),
    ].map { (Array($0.0), $0.1) }
    private static let fillers: Set<String> = [
        "la", "is", "cu", "moi", "vneid", "cua", "toi", "em", "minh", "ba", "ong", "so", "ma", "code", "dang", "hien", "tai",
    ]
    private static let skippable: Set<Character> = [":", "=", "-", "–", "—", "\"", "'", "“", "”"]

    /// The keyword (in its usual spelling, e.g. "mật khẩu") before the first secret-looking
    /// value, or `nil` if there is none. The value itself is never returned: it must not end
    /// up in an error message or a log.
    static func keywordBeforeSecret(in text: String) -> String? {
        let folded = Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
        for (keyword, shown) in keywords {
            var start = 0
            while let at = find(keyword, in: folded, from: start) {
                if looksSecret(folded, from: at + keyword.count) { return shown }
                start = at + 1
            }
        }
        return nil
    }

    /// First whole-word occurrence of `keyword` at or after `from`.
    private static func find(_ keyword: [Character], in text: [Character], from: Int) -> Int? {
        guard text.count >= keyword.count, from <= text.count - keyword.count else { return nil }
        for i in from...(text.count - keyword.count) where Array(text[i..<(i + keyword.count)]) == keyword {
            let before = i == 0 || !isWordCharacter(text[i - 1])
            let end = i + keyword.count
            let after = end == text.count || !isWordCharacter(text[end])
            if before && after { return i }
        }
        return nil
    }

    private static func looksSecret(_ text: [Character], from: Int) -> Bool {
        var i = from
        var fillersSkipped = 0
        while true {
            while i < text.count, text[i].isWhitespace || skippable.contains(text[i]) { i += 1 }
            let word = wordAt(text, i)
            guard fillersSkipped < 4, fillers.contains(word) else { break }
            i += word.count
            fillersSkipped += 1
        }
        // A run of digits, possibly grouped: "123456", "123 456", "12.34.56".
        var digits = 0
        var j = i
        while j < text.count, text[j].isASCIIDigit || text[j] == " " || text[j] == "." || text[j] == "-" {
            if text[j].isASCIIDigit { digits += 1 }
            j += 1
        }
        if digits >= 4 { return true }
        // A password-like word: long enough, with both letters and digits.
        var token: [Character] = []
        j = i
        while j < text.count, !text[j].isWhitespace, text[j] != ",", text[j] != ";" {
            token.append(text[j])
            j += 1
        }
        while let last = token.last, last == "." || last == ")" { token.removeLast() }
        return token.count >= 6 && token.contains(where: \.isASCIIDigit) && token.contains(where: \.isLetter)
    }

    private static func wordAt(_ text: [Character], _ i: Int) -> String {
        var j = i
        while j < text.count, text[j].isLetter { j += 1 }
        return String(text[i..<j])
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
