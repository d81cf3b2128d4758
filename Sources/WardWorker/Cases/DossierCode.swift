/// Shape check for a dossier code (mã hồ sơ), Thông tư 01/2018/TT-VPCP art. 19:
/// `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`, i.e. `^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$`.
///
/// Hand-written rather than `Regex` so no shared regex value is needed under strict concurrency.
/// Only the shape is checked: the receiving unit and the date are not looked up.
public enum DossierCode {
    /// An example of the expected shape, quoted in refusals so team members can compare.
    public static let example = "000.00.07.H26-230519-0001"

    /// Whether `code` has exactly the dossier code shape (ASCII digits, one capital A–Z).
    public static func isValid(_ code: String) -> Bool {
        let c = Array(code.utf8)
        // 000.00.07.H26-230519-0001 → 25 bytes; separators at fixed offsets.
        guard c.count == 25 else { return false }
        let separators: [Int: UInt8] = [3: dot, 6: dot, 9: dot, 13: dash, 20: dash]
        for (i, byte) in c.enumerated() {
            if let expected = separators[i] {
                guard byte == expected else { return false }
            } else if i == 10 {
                guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return false }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            }
        }
        return true
    }

    private static let dot = UInt8(ascii: ".")
    private static let dash = UInt8(ascii: "-")
}
