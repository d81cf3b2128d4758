import Crypto
import Foundation

/// The key under which a citizen's phone becomes a pseudonym for the statistics: HMAC-SHA256 with a secret
/// kept in the dispatcher's data folder, truncated to 96 bits.
///
/// Why keyed: Vietnamese phone numbers are few enough to try them all, so a plain hash would give the phone
/// back to anyone with the statistics. Without the dispatcher's secret the pseudonym says nothing; with it the
/// same phone always gives the same pseudonym, so "distinct citizens helped" can be counted.
public struct CitizenPseudonym: Sendable {
    /// Kept as bytes: Crypto's SymmetricKey is not Sendable, and making one per request costs nothing.
    private let secret: [UInt8]

    /// What goes wrong with the key file, with what to do about it.
    public enum KeyError: Error, CustomStringConvertible {
        case damaged(path: String, bytes: Int)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case let .damaged(path, bytes):
                "the citizen pseudonym key \(path) is damaged (\(bytes) bytes, expected 32); restore it from a backup. "
                    + "Deleting it makes a new key, and every returning citizen would then count as new."
            case let .unwritable(path, reason):
                "cannot create the citizen pseudonym key \(path): \(reason)"
            }
        }
    }

    /// A pseudonym maker with the given secret (tests, benchmarks).
    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The key of `directory`/citizen-pseudonym.key, created (32 random bytes, owner-only) on first use.
    public static func loadOrCreate(directory: String) throws -> CitizenPseudonym {
        let path = (directory as NSString).appendingPathComponent("citizen-pseudonym.key")
        if let data = FileManager.default.contents(atPath: path) {
            guard data.count == 32 else { throw KeyError.damaged(path: path, bytes: data.count) }
            return CitizenPseudonym(secret: [UInt8](data))
        }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { [UInt8]($0) }
        guard FileManager.default.createFile(atPath: path, contents: Data(secret), attributes: [.posixPermissions: 0o600])
        else { throw KeyError.unwritable(path: path, reason: "the folder is missing or not writable") }
        return CitizenPseudonym(secret: secret)
    }

    /// The pseudonym of a phone in normal form (digits only): 24 hex digits.
    public func pseudonym(phone: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(phone.utf8), using: SymmetricKey(data: secret))
        // Hex by hand: `String(format:)` per byte was most of this on the submit path.
        var hex: [UInt8] = []
        hex.reserveCapacity(24)
        for byte in mac.prefix(12) {
            hex.append(Self.hexDigits[Int(byte >> 4)])
            hex.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
