/// Shape checks for the national codes used in configs. Hand-written rather than `Regex` so
/// no shared regex values are needed under strict concurrency, and each reads like its rule.
enum CodeShape {
    /// Five ASCII digits, e.g. "00286".
    static func isWardCode(_ s: String) -> Bool { isDigits(s, count: 5) }

    /// Three ASCII digits, e.g. "007".
    static func isDistrictCode(_ s: String) -> Bool { isDigits(s, count: 3) }

    /// A city or province (two digits, "01" for Hà Nội) or a district (three digits, "007").
    static func isJurisdictionCode(_ s: String) -> Bool { isDigits(s, count: 2) || isDigits(s, count: 3) }

    /// "G" + 2 digits + "-" + 2 capital letters + 2 digits, e.g. "G07-LĐ09" (Đ is a capital).
    static func isFieldCode(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count == 8, c[0] == "G", c[3] == "-" else { return false }
        return c[1].isASCIIDigit && c[2].isASCIIDigit
            && c[4].isUppercase && c[5].isUppercase
            && c[6].isASCIIDigit && c[7].isASCIIDigit
    }

    /// One digit, ".", six digits, e.g. "1.001193".
    static func isProcedureCode(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && isDigits(parts[0], count: 1) && isDigits(parts[1], count: 6)
    }

    /// Ward code, "-T", then at least two digits, e.g. "00286-T03".
    static func isTeamID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, isDigits(parts[0], count: 5), parts[1].first == "T" else {
            return false
        }
        let number = parts[1].dropFirst()
        return number.count >= 2 && number.allSatisfy(\.isASCIIDigit)
    }

    /// The ward-code prefix of a team id, e.g. "00286" for "00286-T03".
    static func wardPrefix(ofTeamID id: String) -> String {
        String(id.prefix { $0 != "-" })
    }

    private static func isDigits<S: StringProtocol>(_ s: S, count: Int) -> Bool {
        s.count == count && s.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    /// Only 0–9: `isNumber` would also accept other scripts' digits and fractions.
    /// (Compared as a byte: `isWholeNumber` looks the character up in Unicode's tables.)
    var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}
