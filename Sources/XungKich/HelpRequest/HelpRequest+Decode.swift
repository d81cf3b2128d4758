import Foundation

extension HelpRequest {
    /// Decodes the JSON body of an `xk.submit` request.
    ///
    /// Types are strict (`"elderly": "yes"` is refused, `"ward": 286` too, because the leading
    /// zeros of a GSO code would be lost) but unknown keys are ignored. Content is not checked
    /// here; call ``validated(against:residentialGroupWard:)`` next.
    ///
    /// - Throws: ``HelpRequestError`` naming every missing key, value of the wrong type and
    ///   unknown vocabulary value (with the allowed ones), or a single whole-body problem when
    ///   the bytes are not a JSON object.
    public static func decode(json: [UInt8]) throws(HelpRequestError) -> HelpRequest {
        if json.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw HelpRequestError(field: "", message: "the request body is empty; send a JSON object (see docs/help-request.md)")
        }
        // Checked here because Foundation's decoder lets some invalid sequences through, and a
        // mangled Vietnamese name is worse than a refused request.
        guard String(validating: json, as: UTF8.self) != nil else {
            throw HelpRequestError(field: "", message: "the request body is not valid UTF-8; send the JSON as UTF-8 text")
        }
        // The common, plain body without Foundation's decoder; anything else (and every error) takes the path below.
        if let plain = HelpRequestFastReader.read(json) { return plain }
        return try decodeWithFoundation(json)
    }

    /// Foundation's decoder with ``FieldReader``: every shape, every error message.
    static func decodeWithFoundation(_ json: [UInt8]) throws(HelpRequestError) -> HelpRequest {
        do {
            return try JSONDecoder().decode(HelpRequest.self, from: Data(json))
        } catch let error as HelpRequestError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw HelpRequestError(field: path(context.codingPath), message: notJSON(context, json: json))
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw HelpRequestError(
                field: "", message: "the request body must be a JSON object, e.g. {\"ward\": \"00286\", \"procedure\": \"1.001193\", …}")
        } catch {
            // Not expected: FieldReader turns per-key errors into problems. Kept readable anyway.
            throw HelpRequestError(field: "", message: "the request body could not be read: \(error)")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map(\.stringValue).joined(separator: ".")
    }

    /// Foundation's decoder on Linux gives no position ("The given data was not valid JSON."); the dispatcher
    /// finds it before decoding (`WireJSON.checkSyntax`), so this is the message only other callers see.
    private static func notJSON(_ context: DecodingError.Context, json: [UInt8]) -> String {
        guard context.codingPath.isEmpty else {
            return "could not be read: \(context.debugDescription)"
        }
        return "the request body is not valid JSON; send one JSON object (see docs/help-request.md)"
    }
}
