import Foundation
import XungKich

/// Reads messages the services receive by the thousand (the events a coordinator ingests) from Foundation's
/// `JSONSerialization` objects instead of `JSONDecoder`'s containers: the same fields and refusals as their
/// `Decodable` conformance (the corpus tests check that both readings agree), at a lower cost per event.
protocol JSONObjectReadable {
    init(jsonObject: Any, path: String) throws(WireError)
}

/// Typed field access on one JSON object, with errors that name the field.
struct JSONObjectReader {
    let object: [String: Any]
    let path: String

    init(_ value: Any, path: String) throws(WireError) {
        guard let object = value as? [String: Any] else {
            throw WireError(.malformed, "\(path.isEmpty ? "the message" : path) must be a JSON object",
                            problems: [HelpRequestProblem(field: path, message: "is not a JSON object")])
        }
        self.object = object
        self.path = path
    }

    private func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func mismatch(_ key: String, _ expected: String) -> WireError {
        let problem = HelpRequestProblem(field: field(key), message: "has the wrong type (expected \(expected))")
        return WireError(.malformed, problem.description, problems: [problem])
    }

    /// The value at `key`, nil when absent. Null is told apart only when a value is not of the type expected
    /// (each dynamic cast costs, and the happy path needs one).
    private func value(_ key: String) -> Any? { object[key] }

    /// Nil for a JSON null, the refusal otherwise.
    private func nullOr<T>(_ value: Any, _ key: String, _ expected: String) throws(WireError) -> T? {
        if value is NSNull { return nil }
        throw mismatch(key, expected)
    }

    func string(_ key: String) throws(WireError) -> String? {
        guard let value = value(key) else { return nil }
        return try string(value, key)
    }

    func string(_ value: Any, _ key: String) throws(WireError) -> String? {
        guard let text = value as? String else { return try nullOr(value, key, "a string") }
        return text
    }

    // Numbers and flags come as `JSONSerialization` gives them (NSNumber on Linux, which does not tell `true`
    // from `1`): this reader is for messages written by the services' own encoder, which never mixes them.

    func bool(_ key: String) throws(WireError) -> Bool? {
        guard let value = value(key) else { return nil }
        return try bool(value, key)
    }

    func bool(_ value: Any, _ key: String) throws(WireError) -> Bool? {
        guard let flag = value as? Bool else { return try nullOr(value, key, "true or false") }
        return flag
    }

    func int(_ key: String) throws(WireError) -> Int? {
        guard let value = value(key) else { return nil }
        return try int(value, key)
    }

    func int(_ value: Any, _ key: String) throws(WireError) -> Int? {
        guard let number = value as? NSNumber else { return try nullOr(value, key, "a whole number") }
        guard let int = Self.wholeNumber(number).flatMap({ Int(exactly: $0) }) else { throw mismatch(key, "a whole number") }
        return int
    }

    func int64(_ key: String) throws(WireError) -> Int64? {
        guard let value = value(key) else { return nil }
        guard let number = value as? NSNumber else { return try nullOr(value, key, "a whole number") }
        guard let int = Self.wholeNumber(number) else { throw mismatch(key, "a whole number") }
        return int
    }

    func double(_ key: String) throws(WireError) -> Double? {
        guard let value = value(key) else { return nil }
        return try double(value, key)
    }

    func double(_ value: Any, _ key: String) throws(WireError) -> Double? {
        guard let number = value as? NSNumber else { return try nullOr(value, key, "a number") }
        return Self.exactDouble(number)
    }

    /// The number the JSON text wrote, as `JSONDecoder` reads it. Foundation on Linux gives a number with a fraction
    /// or an exponent as an NSDecimalNumber, whose `doubleValue` is one ulp off for about half of all timestamps
    /// (`1767106619.2717974` became `…977`). Its digits and exponent are exact, and `Double(String)` rounds them
    /// correctly: about 1 µs a number, where the decimal's `stringValue` takes 10 (a whole event parses in ~12).
    static func exactDouble(_ number: NSNumber) -> Double {
        guard let decimal = number as? NSDecimalNumber else { return number.doubleValue }
        let value = decimal.decimalValue
        let significand = value.significand
        let digits = NSDecimalNumber(decimal: significand).uint64Value
        // The comparison proves the digits exact whatever uint64Value does; more than 19 digits take the slow way.
        if !value.isNaN, Decimal(digits) == significand,
           let exact = Double((value.isSignMinus ? "-" : "") + String(digits) + "e" + String(value.exponent)) {
            return exact
        }
        return Double(decimal.stringValue) ?? decimal.doubleValue
    }

    /// The whole number the JSON text wrote, or nil for a fraction or one beyond Int64. Read as an integer, not
    /// through `doubleValue`, which rounds whole numbers above 2^53 to a neighbour.
    static func wholeNumber(_ number: NSNumber) -> Int64? {
        if let decimal = number as? NSDecimalNumber {
            return Int64(decimal.stringValue) ?? Double(decimal.stringValue).flatMap { Int64(exactly: $0) }
        }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "d"), UInt8(ascii: "f"): return Int64(exactly: number.doubleValue)
        case UInt8(ascii: "Q"), UInt8(ascii: "L"), UInt8(ascii: "I"), UInt8(ascii: "S"), UInt8(ascii: "C"):
            return Int64(exactly: number.uint64Value)
        default: return number.int64Value
        }
    }

    func strings(_ value: Any, _ key: String) throws(WireError) -> [String]? {
        guard let list = value as? [Any] else { return try nullOr(value, key, "a list of strings") }
        var texts: [String] = []
        texts.reserveCapacity(list.count)
        for item in list {
            guard let text = item as? String else { throw mismatch(key, "a list of strings") }
            texts.append(text)
        }
        return texts
    }

    /// A vocabulary value; one this release does not know is kept aside in `unknown`, as the `Decodable` path does.
    func vocabulary<T: RawRepresentable>(_ type: T.Type, _ value: Any, _ key: String, unknown: inout [String: String])
        throws(WireError) -> T? where T.RawValue == String {
        guard let text = try string(value, key) else { return nil }
        guard let value = T(rawValue: text) else {
            unknown[key] = text
            return nil
        }
        return value
    }

    func nested<T: JSONObjectReadable>(_ type: T.Type, _ key: String) throws(WireError) -> T? {
        guard let value = value(key) else { return nil }
        // The object cast first: asking a dictionary whether it is NSNull bridges it to NSDictionary.
        guard let object = value as? [String: Any] else { return try nullOr(value, key, "a JSON object") }
        return try T(jsonObject: object, path: field(key))
    }
}
