/// A help request that cannot be accepted, with every problem found in it.
///
/// All problems are collected before throwing so the person at the hotline can fix the form
/// in one go instead of resubmitting once per mistake. Codable as `{"problems": [...]}`, the
/// `error` object of the `xk.submit` reply.
public struct HelpRequestError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The problems, in the order of the fields in docs/help-request.md.
    public var problems: [HelpRequestProblem]

    /// Creates an error from its problems.
    public init(problems: [HelpRequestProblem]) {
        self.problems = problems
    }

    /// An error with a single problem.
    public init(field: String, message: String) {
        self.init(problems: [HelpRequestProblem(field: field, message: message)])
    }

    /// One problem per line, `field: message`.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
