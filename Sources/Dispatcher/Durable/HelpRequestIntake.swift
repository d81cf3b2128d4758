import Foundation
import XungKich

/// Turns the domain's help-request validation into the desk's `SubmitValidator`.
public enum HelpRequestIntake {
    /// Decodes an `xk.submit` body, validates it against `config`, and hands the desk the request in
    /// normal form (trimmed text, phone as digits, ward and field filled in). The facts for the statistics
    /// carry the residential group and, with `pseudonyms`, the citizen's pseudonym; never a name or phone.
    public static func validator(for config: DistrictConfig, pseudonyms: CitizenPseudonym? = nil) -> SubmitValidator {
        { body in
            do throws(HelpRequestError) {
                let valid = try HelpRequest.decode(json: body).validated(against: config)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                guard let normal = try? encoder.encode(valid.request) else {
                    return .failure(SubmitRejection(problems: [("", "the request could not be re-encoded")]))
                }
                var accepted = AcceptedRequest(
                    ward: valid.ward.code, procedure: valid.procedure.code, field: valid.field.code,
                    isPriority: valid.isPriority, idempotencyKey: valid.request.idempotencyKey, body: [UInt8](normal))
                accepted.facts = ["helpType": valid.request.helpType.rawValue, "channel": valid.request.channel.rawValue]
                accepted.facts["ageBand"] = valid.request.citizen?.ageBand?.rawValue
                accepted.facts["residentialGroup"] = valid.request.residentialGroup
                if let pseudonyms, let phone = valid.request.citizen?.phone {
                    accepted.facts["citizen"] = pseudonyms.pseudonym(phone: phone)
                }
                return .success(accepted)
            } catch {
                return .failure(SubmitRejection(problems: error.problems.map { ($0.field, $0.message) }))
            }
        }
    }
}
