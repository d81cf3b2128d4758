import XungKich

/// Decodes a closed vocabulary (a command name, a report) so that an unknown value is refused with the
/// values that are allowed, not Foundation's "Cannot initialize … from invalid String value".
enum WireVocabulary {
    static func decode<Value: RawRepresentable & CaseIterable, Key: CodingKey>(
        _ type: Value.Type, from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Value where Value.RawValue == String {
        let text = try container.decode(String.self, forKey: key)
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw WireError(.invalidRequest, "unknown \(key.stringValue) \"\(text)\"; use one of: \(allowed)",
                            problems: [HelpRequestProblem(field: key.stringValue, message: "\"\(text)\" is not one of \(allowed)")])
        }
        return value
    }

    static func decodeIfPresent<Value: RawRepresentable & CaseIterable, Key: CodingKey>(
        _ type: Value.Type, from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> Value? where Value.RawValue == String {
        guard container.contains(key), !(try container.decodeNil(forKey: key)) else { return nil }
        return try decode(type, from: container, forKey: key)
    }
}
