import Foundation

/// Which commune-level unit a thing belongs to: its GSO code **and** the first day of the unit's validity.
///
/// The GSO reuses codes: 00256 was Phường Lê Đại Hành until 2024 and is Phường Hai Bà Trưng from
/// 2025-07-01. A code alone therefore merges different places; every stored request, event, fact and
/// statistics key carries this pair instead. Its text form is `CODE@YYYY-MM-DD`, e.g. `00256@2025-07-01`.
public struct UnitKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Five-digit GSO code, e.g. "00256".
    public let code: String
    /// First day of the unit's validity (Hanoi calendar day), `YYYY-MM-DD`.
    public let validFrom: String

    public init(code: String, validFrom: String) {
        self.code = code
        self.validFrom = validFrom
    }

    /// Parses `CODE@YYYY-MM-DD`; nil for anything else (a bare code included).
    public init?(text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, CodeShape.isWardCode(String(parts[0])),
              HanoiDate.startOfDay(String(parts[1])) != nil else { return nil }
        code = String(parts[0])
        validFrom = String(parts[1])
    }

    /// `CODE@YYYY-MM-DD`.
    public var text: String { "\(code)@\(validFrom)" }
    public var description: String { text }

    public static func < (a: UnitKey, b: UnitKey) -> Bool { (a.code, a.validFrom) < (b.code, b.validFrom) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = UnitKey(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "\"\(text)\" is not a unit key like 00256@2025-07-01"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension AdministrativeUnit {
    /// The unit's key: its code and the first day it existed in this shape.
    public var key: UnitKey { UnitKey(code: code, validFrom: HanoiDate.isoDay(validFrom)) }

    /// The days the unit existed, e.g. "2020-01-01…2024-12-31" or "2025-07-01…" while current.
    public var periodText: String {
        "\(HanoiDate.isoDay(validFrom))…\(validTo.map(HanoiDate.isoDay) ?? "")"
    }

    /// The full name with the period, e.g. "Phường Lê Đại Hành (2020-01-01…2024-12-31)": what a person reads
    /// wherever two units could share a code.
    public var fullNameWithPeriod: String { "\(fullName) (\(periodText))" }
}
