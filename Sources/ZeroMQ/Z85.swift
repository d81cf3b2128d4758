import CZeroMQ

/// ZeroMQ's Z85 text encoding of binary keys (RFC 32), through libzmq.
public enum Z85 {
    /// `bytes` (a multiple of 4 long, e.g. a 32-byte CURVE key) as Z85 text; nil otherwise.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return nil }
        var text = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        guard zmq_z85_encode(&text, bytes, bytes.count) != nil else { return nil }
        return String(cString: text)
    }
}

extension Z85 {
    /// The bytes of Z85 `text` (a multiple of 5 long); nil otherwise.
    public static func decode(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count % 5 == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: text.utf8.count * 4 / 5)
        guard zmq_z85_decode(&bytes, text) != nil else { return nil }
        return bytes
    }
}
