import Foundation
import XungKich
import XungKichWire

/// Turns the domain's help-request validation into the desk's `SubmitValidator`.
public enum HelpRequestIntake {
    /// Decodes an `xk.submit` body, validates it against `config`, and hands the desk the request in
    /// normal form (trimmed text, phone as digits, ward and field filled in). The facts for the statistics
    /// carry the residential group and, with `pseudonyms`, the citizen's pseudonym; never a name or phone.
    public static func validator(for config: DistrictConfig, pseudonyms: CitizenPseudonym? = nil) -> SubmitValidator {
        { body in
            do throws(WireError) {
                // Repeated keys first: Foundation keeps the first of two, other readers the last.
                try WireJSON.checkShape(body)
            } catch {
                return .failure(error)
            }
            do throws(HelpRequestError) {
                let valid = try HelpRequest.decode(json: body).validated(against: config)
                let normal: [UInt8]
                do {
                    // Without Foundation's encoder when the text allows: the same bytes (see SortedJSONWriter).
                    normal = try valid.request.fastWireJSON ?? WireJSON.encodeOrThrow(valid.request)
                } catch {
                    return .failure(WireError(.internal, "the request could not be re-encoded: \(error)"))
                }
                var accepted = AcceptedRequest(
                    ward: WardCode(valid.ward.code), procedure: valid.procedure.code, field: valid.field.code,
                    isPriority: valid.isPriority, idempotencyKey: valid.request.idempotencyKey, body: normal)
                accepted.unit = valid.ward.key
                accepted.facts.remappedFrom = valid.remappedFrom?.text
                accepted.facts.helpType = valid.request.helpType
                accepted.facts.channel = valid.request.channel
                accepted.facts.ageBand = valid.request.citizen?.ageBand
                accepted.facts.residentialGroup = valid.request.residentialGroup
                if let pseudonyms, let phone = valid.request.citizen?.phone {
                    accepted.facts.citizen = pseudonyms.pseudonym(phone: phone)
                }
                return .success(accepted)
            } catch {
                // Not JSON at all: find where it goes wrong, which the decoder does not say (done only
                // here, so a good request is parsed once).
                if error.problems.count == 1, error.problems[0].field.isEmpty {
                    do throws(WireError) {
                        try WireJSON.checkSyntax(body)
                    } catch {
                        return .failure(error)
                    }
                }
                return .failure(WireError(invalid: error.problems))
            }
        }
    }
}
