/// A help request that passed validation, with its ward, procedure and field looked up.
///
/// Only ``HelpRequest/validated(against:residentialGroupWard:)`` makes one, so holding a value
/// of this type means the request may be journaled and routed.
public struct ValidHelpRequest: Sendable, Hashable {
    /// The request in normal form: text trimmed, phone as digits ("0912345678"), empty optional
    /// text dropped, and `ward` and `field` filled in.
    public let request: HelpRequest
    /// The unit the request is filed under (its ``AdministrativeUnit/key`` goes wherever the request goes) and
    /// routed to (its worker's service is ``serviceName``).
    public let ward: Ward
    /// The procedure from the district's catalogue.
    public let procedure: Procedure
    /// The procedure's field, which picks the teams that can help.
    public let field: Field

    /// The ended unit the request named, when it was moved to ``ward``, its one whole successor.
    public let remappedFrom: UnitKey?

    init(request: HelpRequest, ward: Ward, procedure: Procedure, field: Field, remappedFrom: UnitKey? = nil) {
        self.remappedFrom = remappedFrom
        self.request = request
        self.ward = ward
        self.procedure = procedure
        self.field = field
    }

    /// Majordomo service of the ward's worker, e.g. "ward.00286".
    public var serviceName: String { ward.serviceName }

    /// See ``HelpRequest/isPriority``.
    public var isPriority: Bool { request.isPriority }
}
