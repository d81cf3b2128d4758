/// A digital shock team's id as the district configuration names it, e.g. `00286-T03`.
public struct TeamID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
