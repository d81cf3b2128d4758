/// Reuses arrays for short frames that repeat — routing ids, protocol headers, command bytes,
/// service names — instead of allocating a new array for each one of every message. At tens of
/// thousands of messages a second those allocations show. One interner per socket, so it is only
/// ever touched by the socket's thread.
struct FrameInterner {
    private static let singleBytes: [[UInt8]] = (0...255).map { [UInt8($0)] }
    /// Frames longer than this are copied as usual (bodies rarely repeat).
    static let maxLength = 24
    private var slots: [[UInt8]] = Array(repeating: [], count: 64)

    /// An array equal to `bytes`, shared with earlier frames when possible.
    mutating func array(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        switch bytes.count {
        case 0: return []
        case 1: return Self.singleBytes[Int(bytes[0])]
        case 2...Self.maxLength:
            var hash = UInt64(bytes.count)
            for byte in bytes { hash = (hash &* 31) &+ UInt64(byte) }
            let slot = Int(truncatingIfNeeded: hash & 63)
            let cached = slots[slot]
            if cached.count == bytes.count, cached.withUnsafeBytes({ $0.elementsEqual(bytes) }) {
                return cached
            }
            let fresh = [UInt8](bytes)
            slots[slot] = fresh
            return fresh
        default:
            return [UInt8](bytes)
        }
    }
}
