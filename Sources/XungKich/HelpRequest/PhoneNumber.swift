import Foundation

/// Vietnamese phone numbers as the system stores them: digits only, national form.
public enum PhoneNumber: Sendable {
    /// Separators people type inside numbers ("0912 345 678", "0912.345.678", "(024) 3821…").
    private static let separators: Set<Character> = [" ", ".", "-", "(", ")", "\u{00A0}"]

    /// The number in national form, e.g. "0912345678" for "0912 345 678" or "+84912345678",
    /// or `nil` when it is not 10–11 digits starting with 0 once separators are removed.
    ///
    /// Ten digits covers mobiles (since the 2018 renumbering) and 11 the landlines
    /// ("024 3825 1234"). "84…" without "+" is refused rather than guessed at: it is as likely
    /// to be a spreadsheet's mangled number as a country code.
    public static func normalised(_ raw: String) -> String? {
        var digits = raw.trimmingCharacters(in: .whitespaces).filter { !separators.contains($0) }
        if digits.hasPrefix("+84") {
            digits = "0" + digits.dropFirst(3)
        } else if digits.hasPrefix("0084") {
            digits = "0" + digits.dropFirst(4)
        }
        guard digits.allSatisfy(\.isASCIIDigit), (10...11).contains(digits.count), digits.hasPrefix("0") else {
            return nil
        }
        return digits
    }

    /// The digits of `raw`, in order, ignoring everything else.
    static func digits(of raw: String) -> String {
        raw.filter(\.isASCIIDigit)
    }

    /// How to show a rejected number in a problem message without repeating personal data:
    /// short strings cannot be anyone's number and are quoted as typed, so the sender sees the
    /// typo; anything with seven or more digits is masked and its length given instead.
    static func quotedForProblem(_ raw: String) -> String {
        let count = digits(of: raw).count
        guard count >= 7 else { return Quote.text(raw) }
        return "\"\(PhoneMask.mask(raw))\" (\(count) digits)"
    }
}
