import XungKich

/// The one error every XungKích endpoint answers with, wrapped as `{"error": {…}}`:
///
/// ```json
/// {"error": {"code": "invalid-request", "message": "…", "retryable": false,
///            "problems": [{"field": "citizen.phone", "message": "…"}]}}
/// ```
///
/// `code` is for programs (retry or not, which screen to show), `message` for the ward officer reading it,
/// `problems` for the fields to correct. Older releases answered `{"error": "text"}` or
/// `{"error": {"problems": […]}}`; both still decode.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ErrorCode
    /// What went wrong and what to do, in words a ward officer can act on.
    public var message: String
    /// Per-field problems, in the order found.
    public var problems: [HelpRequestProblem]
    /// Whether the same message may succeed later unchanged (disk full, store busy, dispatcher catching up).
    public var retryable: Bool

    public init(_ code: ErrorCode, _ message: String, problems: [HelpRequestProblem] = [], retryable: Bool? = nil) {
        self.code = code
        self.message = message
        self.problems = problems
        self.retryable = retryable ?? code.isRetryable
    }

    /// A refusal listing each field's problem, as validation produces it.
    public init(invalid problems: [HelpRequestProblem]) {
        let message = problems.count == 1
            ? Self.line(problems[0])
            : "\(problems.count) problems: " + problems.map(Self.line).joined(separator: "; ")
        self.init(.invalidRequest, message, problems: problems)
    }

    public var description: String {
        guard !problems.isEmpty else { return message }
        return problems.map(Self.line).joined(separator: "\n")
    }

    private static func line(_ problem: HelpRequestProblem) -> String {
        problem.field.isEmpty ? problem.message : "\(problem.field): \(problem.message)"
    }

    /// The whole error body, `{"error": {…}}`.
    public var json: [UInt8] { WireJSON.encode(ErrorEnvelope(error: self)) }
}

extension WireError: Codable {
    private enum Keys: String, CodingKey { case code, message, problems, retryable }

    public init(from decoder: any Decoder) throws {
        // The oldest shape: {"error": "text"}.
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(.unknown, text, retryable: false)
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        let problems = try container.decodeIfPresent([HelpRequestProblem].self, forKey: .problems) ?? []
        let code = try container.decodeIfPresent(ErrorCode.self, forKey: .code)
            ?? (problems.isEmpty ? .unknown : .invalidRequest)
        var message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        if message.isEmpty { message = problems.map(Self.line).joined(separator: "; ") }
        self.init(code, message, problems: problems,
                  retryable: try container.decodeIfPresent(Bool.self, forKey: .retryable) ?? code.isRetryable)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        if !problems.isEmpty { try container.encode(problems, forKey: .problems) }
        try container.encode(retryable, forKey: .retryable)
    }
}

/// `{"error": WireError}`: the body of every refusal.
public struct ErrorEnvelope: Codable, Sendable, Hashable {
    public var error: WireError
    public init(error: WireError) { self.error = error }
}
