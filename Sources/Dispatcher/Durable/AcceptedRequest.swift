import XungKich
import XungKichWire

/// What validation of an `xk.submit` body yields: routing facts plus the body to deliver.
public struct AcceptedRequest: Sendable, Equatable {
    public var ward: WardCode
    /// The unit it is filed under (``ward`` is its code).
    public var unit: UnitKey?
    public var procedure: String
    public var field: String
    public var isPriority: Bool
    /// Non-personal facts the coordinator groups statistics by (help type, channel, age band, residential
    /// group, citizen pseudonym), journaled with the `accepted` event.
    public var facts = EventDetail()
    public var idempotencyKey: String?
    /// The request as JSON, personal data included (the ward team needs it to call back).
    public var body: [UInt8]

    public init(ward: WardCode, procedure: String, field: String, isPriority: Bool, idempotencyKey: String?, body: [UInt8]) {
        self.ward = ward
        self.procedure = procedure
        self.field = field
        self.isPriority = isPriority
        self.idempotencyKey = idempotencyKey
        self.body = body
    }
}

/// Validates an `xk.submit` body: an accepted request, or the refusal to answer with (one problem per field).
public typealias SubmitValidator = @Sendable ([UInt8]) -> Result<AcceptedRequest, WireError>
