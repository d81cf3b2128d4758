/// Reads the plain shape of an `xk.submit` body — one object of the documented keys, text without escapes,
/// booleans and nulls — without Foundation's decoder, which took a quarter of the dispatcher's time per accepted
/// request. Anything else (another key, a number, an escape, a wrong type or vocabulary value, a syntax error)
/// gives nil, and ``HelpRequest/decode(json:)`` takes Foundation's path, which also writes every error message:
/// so this reader only ever returns what that path would return for the same bytes (tests hold it to that).
struct HelpRequestFastReader {
    private let bytes: [UInt8]
    private var index = 0

    /// The request, or nil when the body is not of the plain shape.
    static func read(_ bytes: [UInt8]) -> HelpRequest? {
        var reader = HelpRequestFastReader(bytes: bytes)
        guard let request = reader.request() else { return nil }
        reader.skipSpace()
        return reader.index == bytes.count ? request : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private enum Value {
        case text(String)
        case bool(Bool)
        case null
        case objectStart
    }

    private mutating func request() -> HelpRequest? {
        var ward, group, procedure, field, note, key: String?
        var helpType: HelpType?
        var channel: Channel?
        var priority = PriorityFlags()
        var citizen: Citizen?
        var consent: Consent?
        guard object({ reader, name, value in
            switch (name, value) {
            case ("ward", .text(let text)): ward = text
            case ("residentialGroup", .text(let text)): group = text
            case ("procedure", .text(let text)): procedure = text
            case ("field", .text(let text)): field = text
            case ("note", .text(let text)): note = text
            case ("idempotencyKey", .text(let text)): key = text
            case ("helpType", .text(let text)): helpType = HelpType(rawValue: text); return helpType != nil
            case ("channel", .text(let text)): channel = Channel(rawValue: text); return channel != nil
            case ("ward", .null), ("residentialGroup", .null), ("field", .null), ("note", .null), ("idempotencyKey", .null),
                 ("priority", .null), ("citizen", .null), ("consent", .null):
                break
            case ("priority", .objectStart):
                guard let flags = reader.priority() else { return false }
                priority = flags
            case ("citizen", .objectStart):
                guard let value = reader.citizen() else { return false }
                citizen = value
            case ("consent", .objectStart):
                guard let value = reader.consent() else { return false }
                consent = value
            default:
                return false
            }
            return true
        }), let procedure, let helpType, let channel else { return nil }
        return HelpRequest(ward: ward, residentialGroup: group, procedure: procedure, field: field, helpType: helpType,
                           channel: channel, priority: priority, citizen: citizen, consent: consent, note: note,
                           idempotencyKey: key)
    }

    private mutating func priority() -> PriorityFlags? {
        var flags = PriorityFlags()
        let ok = objectBody { _, name, value in
            switch (name, value) {
            case ("elderly", .bool(let on)): flags.elderly = on
            case ("disability", .bool(let on)): flags.disability = on
            case ("noSmartphone", .bool(let on)): flags.noSmartphone = on
            case ("deadline", .text(let text)): flags.deadline = text
            case ("elderly", .null), ("disability", .null), ("noSmartphone", .null), ("deadline", .null): break
            default: return false
            }
            return true
        }
        return ok ? flags : nil
    }

    private mutating func citizen() -> Citizen? {
        var citizen = Citizen()
        let ok = objectBody { _, name, value in
            switch (name, value) {
            case ("shortName", .text(let text)): citizen.shortName = text
            case ("phone", .text(let text)): citizen.phone = text
            case ("ageBand", .text(let text)):
                citizen.ageBand = AgeBand(rawValue: text)
                return citizen.ageBand != nil
            case ("shortName", .null), ("phone", .null), ("ageBand", .null): break
            default: return false
            }
            return true
        }
        return ok ? citizen : nil
    }

    private mutating func consent() -> Consent? {
        var given: Bool?
        var version: String?
        let ok = objectBody { _, name, value in
            switch (name, value) {
            case ("given", .bool(let on)): given = on
            case ("textVersion", .text(let text)): version = text
            default: return false
            }
            return true
        }
        guard ok, let given, let version else { return nil }
        return Consent(given: given, textVersion: version)
    }

    /// An object from its `{`: each member goes to `member`, which returns false to give up.
    private mutating func object(_ member: (inout HelpRequestFastReader, String, Value) -> Bool) -> Bool {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return false }
        return objectBody(member)
    }

    /// The rest of an object whose `{` was read. A key given twice gives up (the shape check refuses it anyway).
    private mutating func objectBody(_ member: (inout HelpRequestFastReader, String, Value) -> Bool) -> Bool {
        var seen: [String] = []
        skipSpace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipSpace()
            guard let name = text(), !seen.contains(name) else { return false }
            seen.append(name)
            skipSpace()
            guard take(UInt8(ascii: ":")), let value = value(), member(&self, name, value) else { return false }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    private mutating func value() -> Value? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return text().map(Value.text)
        case UInt8(ascii: "{"):
            index += 1
            return .objectStart
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return nil
        }
    }

    /// A string without escapes or control characters (the caller checked the body is UTF-8).
    private mutating func text() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let value = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return value
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { $0.elementsEqual(bytes[index..<index + count]) }
        if matches { index += count }
        return matches
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
