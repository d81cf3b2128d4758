/// Finds a key that appears twice in one JSON object.
///
/// Foundation's decoder keeps the first of two equal keys where most other parsers keep the last, so a
/// body like `{"consent":{"given":true},"consent":{"given":false}}` means different things to different
/// readers. Every message is checked before it is decoded, and such a body is refused with the key named.
///
/// One linear pass without recursion, on every message the services read, so it allocates nothing for keys
/// without escapes (they are compared as slices of the message); malformed JSON is not judged here (the
/// decoder reports it), the pass just stops looking.
enum DuplicateKeyCheck {
    private enum Frame {
        case object(keys: KeySet, current: ArraySlice<UInt8>?, expectingKey: Bool)
        case array(index: Int)
    }

    /// The keys seen in one object. Messages' objects have a few dozen keys at most, which a linear search finds
    /// faster than hashing byte by byte; an object with many keys (a hostile one) switches to a hash set, so the
    /// pass stays linear.
    private struct KeySet {
        private var few: [ArraySlice<UInt8>]
        private var many: Set<ArraySlice<UInt8>>?

        init() {
            few = []
            few.reserveCapacity(16)  // one allocation for a message's object, not one per doubling
        }

        /// Adds `key`; false when it was there already.
        mutating func insert(_ key: ArraySlice<UInt8>) -> Bool {
            if var set = many {
                many = nil  // out while it changes, so it is not copied
                defer { many = set }
                return set.insert(key).inserted
            }
            if few.contains(where: { $0.elementsEqual(key) }) { return false }
            few.append(key)
            if few.count > 32 {
                many = Set(few)
                few = []
            }
            return true
        }
    }

    /// The path of the first repeated key, e.g. `consent` or `rows[2].ward`; nil when there is none.
    static func firstDuplicate(in bytes: [UInt8]) -> String? {
        var stack: [Frame] = []
        var i = 0
        let n = bytes.count
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "{"):
                stack.append(.object(keys: KeySet(), current: nil, expectingKey: true))
                i += 1
            case UInt8(ascii: "["):
                stack.append(.array(index: 0))
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                i += 1
            case UInt8(ascii: ","):
                switch stack.last {
                case .object(let keys, let current, _): stack[stack.count - 1] = .object(keys: keys, current: current, expectingKey: true)
                case .array(let index): stack[stack.count - 1] = .array(index: index + 1)
                case nil: break
                }
                i += 1
            case UInt8(ascii: ":"):
                if case .object(let keys, let current, _) = stack.last {
                    stack[stack.count - 1] = .object(keys: keys, current: current, expectingKey: false)
                }
                i += 1
            case UInt8(ascii: "\""):
                guard let (key, end) = readString(bytes, from: i + 1) else { return nil }
                i = end
                guard case .object(var keys, _, true) = stack.last else { continue }
                // Take the set out of the stack while inserting, so it is not copied.
                stack[stack.count - 1] = .array(index: 0)
                if !keys.insert(key) { return path(stack.dropLast(), appending: key) }
                stack[stack.count - 1] = .object(keys: keys, current: key, expectingKey: false)
            default:
                i += 1
            }
        }
        return nil
    }

    private static func text(_ key: ArraySlice<UInt8>) -> String { String(decoding: key, as: UTF8.self) }

    private static func path(_ frames: ArraySlice<Frame>, appending key: ArraySlice<UInt8>) -> String {
        var path = ""
        for frame in frames {
            switch frame {
            case .object(_, let current, _): path += (path.isEmpty ? "" : ".") + (current.map(text) ?? "")
            case .array(let index): path += "[\(index)]"
            }
        }
        return path.isEmpty ? text(key) : "\(path).\(text(key))"
    }

    /// Reads a string body starting after its opening quote; returns it as UTF-8 bytes — the message's own bytes
    /// when it has no escape, else decoded (so `"a"` and `"\u0061"` are the same key) — and the index after
    /// the closing quote. Nil when the string never ends.
    private static func readString(_ bytes: [UInt8], from start: Int) -> (ArraySlice<UInt8>, Int)? {
        var i = start
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): return (bytes[start..<i], i + 1)
            case UInt8(ascii: "\\"): return readEscapedString(bytes, from: start)
            default: i += 1
            }
        }
        return nil
    }

    private static func readEscapedString(_ bytes: [UInt8], from start: Int) -> (ArraySlice<UInt8>, Int)? {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var i = start
        func flush() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll(keepingCapacity: true)
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                flush()
                return (ArraySlice(Array(String(scalars).utf8)), i + 1)
            }
            guard byte == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                raw.append(byte)
                i += 1
                continue
            }
            flush()
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard let high = hex4(bytes, at: i) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(high), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(bytes, at: i + 2), (0xDC00..<0xE000).contains(low) {
                    i += 6
                    let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(high) ?? "\u{FFFD}")
                }
            default: scalars.append(Unicode.Scalar(escaped))
            }
        }
        return nil
    }

    private static func hex4(_ bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
