import XungKichWire

/// A rate as an export shows it: `{"numerator": n, "denominator": d, "value": n ÷ d or null}`, or
/// `{"suppressed": true}` when either count is a small cell.
public enum ExportedRate: Sendable, Equatable, Encodable {
    case shown(Rate)
    case suppressed

    /// `rate`, suppressed when its numerator or denominator is 1 to `minimumCell − 1`.
    public init(_ rate: Rate, minimumCell: Int = StatsExport.minimumCell) {
        let small = 1..<minimumCell
        self = small.contains(rate.numerator) || small.contains(rate.denominator) ? .suppressed : .shown(rate)
    }

    private enum Keys: String, CodingKey { case numerator, denominator, value, suppressed }

    /// The JSON form described above.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .suppressed:
            try container.encode(true, forKey: .suppressed)
        case .shown(let rate):
            try container.encode(rate.numerator, forKey: .numerator)
            try container.encode(rate.denominator, forKey: .denominator)
            // Written as null rather than left out: a reader sees there is no value, not a missing field.
            if let value = rate.value { try container.encode(value, forKey: .value) } else { try container.encodeNil(forKey: .value) }
        }
    }
}
