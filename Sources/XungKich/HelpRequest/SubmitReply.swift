import Foundation

/// The FINAL reply of the dispatcher's `xk.submit` service, one JSON frame either way
/// (docs/help-request.md):
///
/// - accepted: `{"id": "…", "duplicate": false}`; `duplicate` is true when the idempotency key
///   was seen before and `id` is the earlier request's;
/// - rejected: `{"error": {"problems": [{"field": "…", "message": "…"}]}}`.
///
/// Shared by the dispatcher, which encodes it, and clients such as `xk enqueue`, which decode
/// it, so both sides agree on the shape by construction.
public enum SubmitReply: Sendable, Hashable {
    /// The request is in the journal (or already was, when `duplicate`).
    case accepted(id: String, duplicate: Bool)
    /// Nothing was stored; the problems say why.
    case rejected(HelpRequestError)

    private struct Wire: Codable {
        var id: String?
        var duplicate: Bool?
        var error: HelpRequestError?
    }

    /// The reply body as UTF-8 JSON, keys sorted so equal replies are equal bytes.
    public var json: [UInt8] {
        let wire = switch self {
        case let .accepted(id, duplicate): Wire(id: id, duplicate: duplicate)
        case let .rejected(error): Wire(error: error)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(wire) else {
            // Encoding plain strings and booleans cannot fail; answer something valid anyway.
            return Array(#"{"error":{"problems":[{"field":"","message":"the reply could not be encoded"}]}}"#.utf8)
        }
        return Array(data)
    }

    /// Reads a reply body; `nil` when it is neither shape (not JSON, no `id` and no `error`).
    public init?(json: [UInt8]) {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(json)) else { return nil }
        if let error = wire.error {
            self = .rejected(error)
        } else if let id = wire.id {
            self = .accepted(id: id, duplicate: wire.duplicate ?? false)
        } else {
            return nil
        }
    }
}
