/// A rate shown with what it is made of: `numerator ÷ denominator`. Every published rate carries both, so a
/// reader can judge a 100 % that means 1 ÷ 1.
public struct Rate: Sendable, Equatable, Hashable, Codable {
    /// The count on top, e.g. online submissions.
    public var numerator: Int
    /// The count below, e.g. resolved requests.
    public var denominator: Int

    /// Creates a rate from its two counts.
    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `numerator ÷ denominator` as a fraction (0…1 for shares), or `nil` when the denominator is 0.
    public var value: Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}
