/// Reads the keys of one JSON object for a hand-written `init(from:)`, collecting a
/// ``HelpRequestProblem`` per bad key instead of stopping at the first, the way
/// synthesized `Decodable` does.
///
/// Problems from nested objects arrive as a thrown ``HelpRequestError`` and are merged, so the
/// outermost `init(from:)` throws one error listing everything wrong in the body.
struct FieldReader<Key: CodingKey> {
    /// How booleans are described in messages.
    static var boolean: String { "true or false (without quotes)" }

    private let container: KeyedDecodingContainer<Key>
    private var problems: [HelpRequestProblem] = []

    /// Fails with a `DecodingError` when the value is not an object; the caller one level up
    /// turns that into a problem at the right path.
    init(_ decoder: any Decoder, keyedBy: Key.Type) throws {
        container = try decoder.container(keyedBy: Key.self)
    }

    /// The value at `key`; absent and `null` both give `nil`, as "not given".
    /// `expecting` is built only when the value is wrong: the vocabulary lists cost a string join per field.
    mutating func optional<T: Decodable>(_ key: Key, as type: T.Type, expecting: @autoclosure () -> String) -> T? {
        do {
            return try container.decodeIfPresent(T.self, forKey: key)
        } catch let nested as HelpRequestError {
            problems += nested.problems
        } catch {
            add(key, "expected \(expecting()), found \(found(at: key))")
        }
        return nil
    }

    /// Like ``optional(_:as:expecting:)``, but a missing or `null` value is a problem too.
    mutating func required<T: Decodable>(_ key: Key, as type: T.Type, expecting: @autoclosure () -> String) -> T? {
        guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else {
            add(key, "is missing; it is required (\(expecting()))")
            return nil
        }
        return optional(key, as: type, expecting: expecting())
    }

    /// A value from a fixed vocabulary, given as its raw text; unknown values are reported
    /// with the full list of allowed ones so the sender does not have to look them up.
    mutating func optionalChoice<V: RawRepresentable & CaseIterable>(
        _ key: Key, as type: V.Type, noun: String
    ) -> V? where V.RawValue == String {
        guard let raw = optional(key, as: String.self, expecting: "text, one of \(Self.allowed(V.self))") else {
            return nil
        }
        guard let value = V(rawValue: raw) else {
            add(key, "\(Quote.text(raw)) is not \(noun); use one of \(Self.allowed(V.self))")
            return nil
        }
        return value
    }

    /// Like ``optionalChoice(_:as:noun:)``, but a missing value is a problem too.
    mutating func requiredChoice<V: RawRepresentable & CaseIterable>(
        _ key: Key, as type: V.Type, noun: String
    ) -> V? where V.RawValue == String {
        guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else {
            add(key, "is missing; it is required (one of \(Self.allowed(V.self)))")
            return nil
        }
        return optionalChoice(key, as: type, noun: noun)
    }

    /// Throws everything collected so far, if anything.
    func finish() throws(HelpRequestError) {
        if !problems.isEmpty { throw HelpRequestError(problems: problems) }
    }

    static func allowed<V: RawRepresentable & CaseIterable>(_ type: V.Type) -> String where V.RawValue == String {
        V.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Any key at all, to ask whether a value is an object.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private mutating func add(_ key: Key, _ message: String) {
        let path = (container.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        problems.append(HelpRequestProblem(field: path, message: message))
    }

    /// What the sender actually put at `key`, found by trying each JSON type in turn, because
    /// `DecodingError` only says what was expected.
    private func found(at key: Key) -> String {
        guard let decoder = try? container.superDecoder(forKey: key) else { return "something else" }
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() { return "null" }
            if let bool = try? single.decode(Bool.self) { return "\(bool)" }
            if let number = try? single.decode(Double.self) { return "the number \(Quote.number(number))" }
            if let text = try? single.decode(String.self) { return "the text \(Quote.text(text))" }
        }
        if (try? decoder.unkeyedContainer()) != nil { return "a list" }
        if (try? decoder.container(keyedBy: AnyKey.self)) != nil { return "an object" }
        return "a value that cannot be read (a number too large?)"
    }
}
