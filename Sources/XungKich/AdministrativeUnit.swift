import Foundation

/// The tier of a commune-level unit. Vietnamese spelling is the raw value because that is
/// what ward officers write in the config files and what citizens see.
public enum UnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Phường: urban ward.
    case ward = "phường"
    /// Xã: rural commune.
    case commune = "xã"
    /// Thị trấn: town inside a rural district.
    case town = "thị trấn"

    /// Capitalised prefix used in full names, e.g. "Thị trấn" in "Thị trấn Chi Đông".
    public var title: String {
        switch self {
        case .ward: "Phường"
        case .commune: "Xã"
        case .town: "Thị trấn"
        }
    }
}

/// A commune-level administrative unit (phường, xã or thị trấn) identified by its GSO code.
///
/// Units are effective-dated data, never code: boundaries and names change (Hai Bà Trưng went
/// from 18 to 15 wards on 2025-01-01), so a unit carries the days it was valid and old
/// requests can still be routed and counted against the unit they were filed in.
public struct AdministrativeUnit: Sendable, Hashable, Codable {
    /// Five-digit GSO code, kept as a string because the leading zeros matter ("00286").
    public var code: String
    /// Name without the kind prefix, with diacritics, e.g. "Bạch Mai".
    public var name: String
    /// Phường, xã or thị trấn.
    public var kind: UnitKind
    /// First day (Hanoi time) the unit existed in this shape.
    public var validFrom: Date
    /// Last day (Hanoi time, inclusive) the unit existed in this shape; `nil` while current.
    public var validTo: Date?
    /// Codes of adjacent units in the same district; the dispatcher spills work over to them
    /// when a unit's own teams are busy.
    public var neighbours: [String]

    /// Creates a unit; use ``DistrictConfig/load(path:)`` to get validated ones.
    public init(
        code: String, name: String, kind: UnitKind,
        validFrom: Date, validTo: Date? = nil, neighbours: [String] = []
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.validFrom = validFrom
        self.validTo = validTo
        self.neighbours = neighbours
    }

    /// Majordomo service name the unit's worker registers under, e.g. "ward.00286".
    /// Built from the code, not the name, so renames do not break routing.
    public var serviceName: String { WardService.string(WardCode(code)) }

    /// Name as citizens write it, e.g. "Phường Bạch Mai".
    public var fullName: String { "\(kind.title) \(name)" }

    /// Whether the unit existed on the given instant; `validTo` counts as a whole day.
    public func isValid(on date: Date) -> Bool {
        HanoiDate.isWithin(date, from: validFrom, to: validTo)
    }
}

/// Most units in this project are urban wards; the alias keeps call sites readable.
public typealias Ward = AdministrativeUnit
