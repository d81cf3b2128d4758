/// What validation of an `xk.submit` body yields: routing facts plus the body to deliver.
public struct AcceptedRequest: Sendable, Equatable {
    public var ward: String
    public var procedure: String
    public var field: String
    public var isPriority: Bool
    /// Non-personal facts the coordinator groups statistics by (help type, channel, age band).
    public var facts: [String: String] = [:]
    public var idempotencyKey: String?
    /// The request as JSON, personal data included (the ward team needs it to call back).
    public var body: [UInt8]

    public init(ward: String, procedure: String, field: String, isPriority: Bool, idempotencyKey: String?, body: [UInt8]) {
        self.ward = ward
        self.procedure = procedure
        self.field = field
        self.isPriority = isPriority
        self.idempotencyKey = idempotencyKey
        self.body = body
    }
}

/// Validates an `xk.submit` body: an accepted request, or problems as a JSON error body.
public typealias SubmitValidator = @Sendable ([UInt8]) -> Result<AcceptedRequest, SubmitRejection>

/// Why a submission was refused, as `(field, message)` pairs for the JSON error reply.
public struct SubmitRejection: Error, Sendable, Equatable {
    public var problems: [(field: String, message: String)]

    public init(problems: [(field: String, message: String)]) { self.problems = problems }

    public static func == (a: Self, b: Self) -> Bool {
        a.problems.map { "\($0.field)\u{0}\($0.message)" } == b.problems.map { "\($0.field)\u{0}\($0.message)" }
    }
}
