/// Phone numbers as they may appear in logs, events and any output a ward officer did not ask
/// for in full: enough to tell two numbers apart on a call list, not enough to dial.
public enum PhoneMask: Sendable {
    /// Keeps the first three and last three digits and stars the rest:
    /// `mask("0912345678") == "091****678"`.
    ///
    /// The input is normalised first when it is a valid number ("+84 912 345 678" masks the
    /// same as "0912345678"); otherwise only its digits are used. Fewer than seven digits
    /// leave nothing safe to show, so every digit becomes a star. Never returns the number.
    public static func mask(_ phone: String) -> String {
        let digits = Array(PhoneNumber.normalised(phone) ?? PhoneNumber.digits(of: phone))
        guard digits.count >= 7 else { return String(repeating: "*", count: max(digits.count, 1)) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 6) + String(digits.suffix(3))
    }
}
