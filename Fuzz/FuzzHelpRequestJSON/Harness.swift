// libFuzzer harness: an `xk.submit` body as the dispatcher reads it (HelpRequestIntake): the repeated-key and
// UTF-8 pass (WireJSON.checkShape), HelpRequest.decode(json:), validation against Hai Bà Trưng's config, the
// normal form re-encoded for the journal, and, for a refused body that is not JSON, WireJSON.checkSyntax.
//
// Input: the body's bytes as they are. Refusals (thrown errors) are the expected answer to garbage.
// Oracles: a decoded request encodes and decodes to itself; an accepted request's normal form, encoded as the
// journal stores it, is accepted again and is its own normal form.
import Foundation
import XungKich
import XungKichWire
import FuzzSupport

let config = harnessConfig

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try WireJSON.checkShape(body)
    } catch {
        return 0
    }
    let request: HelpRequest
    do {
        request = try HelpRequest.decode(json: body)
    } catch {
        check(!error.problems.isEmpty, "a refusal without problems")
        if error.problems.count == 1, error.problems[0].field.isEmpty {
            _ = try? WireJSON.checkSyntax(body)
        }
        return 0
    }

    // What decoded encodes and decodes to itself.
    guard let encoded = try? WireJSON.encodeOrThrow(request) else {
        fatalError("oracle: a decoded request does not encode: \(request)")
    }
    do {
        let again = try HelpRequest.decode(json: encoded)
        check(again == request, "decode(encode(r)) != r: \(request) vs \(again)")
    } catch {
        fatalError("oracle: a decoded request, encoded, is refused: \(error)\n\(String(decoding: encoded, as: UTF8.self))")
    }

    let valid: ValidHelpRequest
    do {
        valid = try request.validated(against: config)
    } catch {
        check(!error.problems.isEmpty, "a validation refusal without problems")
        return 0
    }
    // The journal's copy (the normal form) is accepted again and is already normal.
    guard let normal = try? WireJSON.encodeOrThrow(valid.request) else {
        fatalError("oracle: the normal form does not encode: \(valid.request)")
    }
    do {
        try WireJSON.checkShape(normal)
        let again = try HelpRequest.decode(json: normal).validated(against: config)
        check(again.request == valid.request, "normal form not stable: \(valid.request) vs \(again.request)")
        check(again.ward == valid.ward && again.field == valid.field && again.procedure == valid.procedure,
              "normal form routes elsewhere")
    } catch {
        fatalError("oracle: the normal form is refused: \(error)\n\(String(decoding: normal, as: UTF8.self))")
    }
    return 0
}
