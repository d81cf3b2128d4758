import Foundation
import XungKich

/// The one JSON codec of every message that crosses a process: keys sorted (equal messages are equal
/// bytes), slashes unescaped, unknown keys ignored (an older peer still talks to a newer one), repeated
/// keys refused, and every failure a ``WireError`` naming what to fix.
public enum WireJSON {
    // One of each, shared rather than made for every message: configured once here and never changed.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private static let decoder = JSONDecoder()

    /// `value` as JSON. Our message types hold strings, numbers and flags, so encoding fails only on a
    /// non-finite number; the answer is then an `internal` error body rather than nothing.
    public static func encode(_ value: some Encodable) -> [UInt8] {
        do {
            return try encodeOrThrow(value)
        } catch {
            return fallback(error)
        }
    }

    /// `value` as JSON, or the encoder's error (for writes that must not store a substitute).
    public static func encodeOrThrow(_ value: some Encodable) throws -> [UInt8] {
        return [UInt8](try encoder.encode(value))
    }

    /// Decodes one message. Throws a ``WireError``: `malformed` for bytes that are not UTF-8 JSON of the
    /// expected shape (with the field path), `duplicate-key` for a key given twice in one object.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(WireError) -> T {
        if let readable = T.self as? any JSONObjectReadable.Type {
            // The events a follower reads from its dispatcher, by the hundred thousand: written by the dispatcher's
            // own encoder, which writes each key once, and read by this one reader, so the repeated-key pass (which
            // keeps two readers of one body from disagreeing) is not run on them; JSONSerialization checks UTF-8.
            try checkShape(bytes, validatingUTF8: false, checkingKeys: false)
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(bytes))
            } catch {
                throw WireError(.malformed, "the message is not valid JSON", problems: [HelpRequestProblem(field: "", message: "is not valid JSON")])
            }
            // Safe: `readable` is `T.self`, so the value made is a `T`.
            guard let value = try readable.init(jsonObject: object, path: "") as? T else {
                throw WireError(.internal, "the message could not be read as \(T.self)")
            }
            return value
        }
        try checkShape(bytes)
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch let error as WireError {
            throw error
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw WireError(.malformed, "the message could not be read: \(error)")
        }
    }

    /// Decodes an answer: a ``WireError`` when the body is an error envelope, else `T`.
    public static func decodeReply<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(WireError) -> T {
        // Parsed a second time only when the body can hold an error at all, not for every answer.
        if bytes.containsErrorKey, let probe = try? decoder.decode(ReplyProbe.self, from: Data(bytes)),
           let error = probe.error {
            throw error
        }
        return try decode(T.self, from: bytes)
    }

    /// Refuses what no message may be: empty, not UTF-8, or with a repeated key.
    public static func checkShape(_ bytes: [UInt8], validatingUTF8: Bool = true, checkingKeys: Bool = true) throws(WireError) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw malformed("the message is empty; send a JSON object")
        }
        guard !validatingUTF8 || String(validating: bytes, as: UTF8.self) != nil else {
            throw malformed("the message is not valid UTF-8; send the JSON as UTF-8 text")
        }
        if checkingKeys, let key = DuplicateKeyCheck.firstDuplicate(in: bytes) {
            throw WireError(.duplicateKey, "the key \"\(key)\" appears twice in one object; send each key once",
                            problems: [HelpRequestProblem(field: key, message: "given more than once")])
        }
    }

    /// Refuses bytes that are not JSON, saying where the mistake is ("Invalid value around line 1, column
    /// 31"): Foundation's decoder on Linux does not, its `JSONSerialization` does.
    public static func checkSyntax(_ bytes: [UInt8]) throws(WireError) {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw malformed("the message is not valid JSON: \(detail)")
        }
    }

    /// A decoding error as a ward officer's developer needs it: which field, what was wrong.
    public static func describe(_ error: DecodingError) -> WireError {
        func path(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            (context.codingPath + (last.map { [$0] } ?? [])).map { key in
                key.intValue.map { "[\($0)]" } ?? key.stringValue
            }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        let (field, message): (String, String)
        switch error {
        case .keyNotFound(let key, let context):
            (field, message) = (path(context, key), "is missing")
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            (field, message) = ("", "the message must be a JSON \(type is any Collection.Type ? "array" : "object")")
        case .typeMismatch(let type, let context):
            (field, message) = (path(context), "has the wrong type (expected \(typeName(type)))")
        case .valueNotFound(let type, let context):
            (field, message) = (path(context), "is null (expected \(typeName(type)))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            (field, message) = ("", "the message is not valid JSON")
        case .dataCorrupted(let context):
            (field, message) = (path(context), context.debugDescription)
        @unknown default:
            (field, message) = ("", "the message could not be read")
        }
        let problem = HelpRequestProblem(field: field, message: message)
        return WireError(.malformed, problem.description, problems: [problem])
    }

    /// A whole-message problem; `problems` holds it too, as the previous release's clients read only those.
    private static func malformed(_ message: String) -> WireError {
        WireError(.malformed, message, problems: [HelpRequestProblem(field: "", message: message)])
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        default: "\(type)"
        }
    }

    private static func fallback(_ error: any Error) -> [UInt8] {
        let message = "the answer could not be encoded: \(error)"
            .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return Array(#"{"error":{"code":"internal","message":"\#(message)","retryable":false}}"#.utf8)
    }
}

/// Just the `error` key of an answer, to tell a refusal from an answer.
private struct ReplyProbe: Decodable { var error: WireError? }

extension [UInt8] {
    /// Whether the bytes hold `"error"`, which every error envelope does (or any escape, which could spell it).
    fileprivate var containsErrorKey: Bool {
        if contains(UInt8(ascii: "\\")) { return true }
        let key = Array(#""error""#.utf8)
        guard count >= key.count else { return false }
        for start in 0...(count - key.count) where self[start] == key[0] && self[start..<start + key.count].elementsEqual(key) {
            return true
        }
        return false
    }
}
