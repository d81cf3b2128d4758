/// Strings numbered in the order first seen, so that grouping a million facts compares integers, not text.
/// Code 0 stands for "none".
struct SymbolTable {
    private var codes: [String: UInt32] = [:]
    private(set) var strings: [String] = [""]

    /// The code of `string`, adding it if new; 0 for `nil`.
    mutating func code(_ string: String?) -> UInt32 {
        guard let string else { return 0 }
        if let code = codes[string] { return code }
        let code = UInt32(strings.count)
        strings.append(string)
        codes[string] = code
        return code
    }

    /// The code of `string` if it was ever seen; nil otherwise (0 for `nil`).
    func existingCode(_ string: String?) -> UInt32? {
        guard let string else { return 0 }
        return codes[string]
    }

    /// The string of `code`; nil for 0.
    func string(_ code: UInt32) -> String? {
        code == 0 ? nil : strings[Int(code)]
    }

    var count: Int { strings.count }
}
