import Foundation

/// The tier of a district-level unit; the raw value is the Vietnamese word used in the configs.
public enum DistrictKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Quận: urban district.
    case urban = "quận"
    /// Huyện: rural district.
    case rural = "huyện"
    /// Thị xã: district-level town (Sơn Tây is Hanoi's only one).
    case town = "thị xã"
    /// Thành phố trực thuộc trung ương: since 2025-07-01 Hà Nội's communes sit directly under the city.
    case city = "thành phố"
}

/// The unit above the communes a config routes for: a district before 2025-07-01, the city since.
public typealias Jurisdiction = District

/// The jurisdiction above the communes, used as a routing region: one dispatcher and one config file each. A
/// district (quận, huyện, thị xã) in the older layouts, the city (thành phố) since districts were abolished.
///
/// Districts were abolished on 2025-07-01, so this is treated as a region that can be re-cut,
/// with its own validity dates, rather than as a permanent part of the address.
public struct District: Sendable, Hashable, Codable {
    /// Three-digit GSO code, e.g. "007" for Hai Bà Trưng; a string to keep the leading zeros.
    public var code: String
    /// Full name with the kind prefix, e.g. "Quận Hai Bà Trưng".
    public var name: String
    /// Quận, huyện or thị xã.
    public var kind: DistrictKind
    /// First day (Hanoi time) of the layout this config describes.
    public var validFrom: Date
    /// Last day (Hanoi time, inclusive) of the layout; `nil` while current.
    public var validTo: Date?
    /// Commune-level units of this district, in config-file order.
    public var wards: [Ward]

    /// Creates a district; use ``DistrictConfig/load(path:)`` to get a validated one.
    public init(
        code: String, name: String, kind: DistrictKind,
        validFrom: Date, validTo: Date? = nil, wards: [Ward] = []
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.validFrom = validFrom
        self.validTo = validTo
        self.wards = wards
    }

    /// Whether this layout was in force on the given instant; `validTo` counts as a whole day.
    public func isValid(on date: Date) -> Bool {
        HanoiDate.isWithin(date, from: validFrom, to: validTo)
    }
}
