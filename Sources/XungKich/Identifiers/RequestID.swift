/// A help request's id as its dispatcher gave it, e.g. `007-0000042` (district code, number). Opaque to
/// clients: compare it, never parse it.
public struct RequestID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
