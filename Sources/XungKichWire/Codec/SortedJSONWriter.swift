/// Writes one JSON object the way ``WireJSON`` encodes it (keys sorted by their UTF-8 bytes, slashes unescaped,
/// no spaces), for the few values written once per help request on the dispatcher's thread: Foundation's
/// encoder costs tens of microseconds for each, and was most of the durable submit path's time.
///
/// The caller gives keys in sorted order (tests compare every writer with ``WireJSON/encode(_:)``). Text with a
/// control character is not written here: ``finish()`` then returns nil and the caller uses the encoder, so
/// escapes other than `\"` and `\\` are always Foundation's own.
public struct SortedJSONWriter {
    private var bytes: [UInt8] = []
    private var first = true
    private var unwritable = false

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// The object, or nil when some text needs an escape this writer leaves to Foundation.
    public mutating func finish() -> [UInt8]? {
        bytes.append(UInt8(ascii: "}"))
        return unwritable ? nil : bytes
    }

    public mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        text(value)
    }

    public mutating func bool(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    public mutating func int(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func strings(_ key: StaticString, _ values: [String]?) {
        guard let values else { return }
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            text(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A nested object, written by `body` with keys in sorted order; nothing when `present` is false.
    public mutating func object(_ key: StaticString, present: Bool = true, _ body: (inout SortedJSONWriter) -> Void) {
        guard present else { return }
        self.key(key)
        bytes.append(UInt8(ascii: "{"))
        let outer = first
        first = true
        body(&self)
        first = outer
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func text(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20, 0x7F:
                unwritable = true
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
}
