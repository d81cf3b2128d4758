/// One thing wrong with a help request.
///
/// Encoded as `{"field": …, "message": …}` inside the error reply of `xk.submit`
/// (docs/help-request.md), so clients can point at the input that needs fixing.
public struct HelpRequestProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// JSON path of the offending value, e.g. `citizen.phone`; "" when the problem is with the
    /// body as a whole (not JSON, not an object).
    public var field: String
    /// What is wrong and how to fix it, in words a ward officer can act on.
    public var message: String

    /// Creates a problem report.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`, or just the message for whole-body problems.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}
