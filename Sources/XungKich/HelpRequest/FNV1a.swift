/// 64-bit FNV-1a: tiny, fast and stable across platforms and Swift versions, which Swift's
/// own `Hasher` deliberately is not (it is seeded per process). Not cryptographic; used only
/// to turn a CSV row into a repeatable idempotency key.
enum FNV1a {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of the bytes.
    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// The hash as 16 lower-case hex digits.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(hash(bytes), radix: 16).leftPadded(to: 16)
    }
}
