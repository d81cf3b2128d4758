import Crypto
import Foundation

/// The keys that seal citizens' personal data (name, phone, free-text notes) in a store: AES-256-GCM, one
/// active key and any older ones still needed to open records sealed before a rotation. Kept in their own
/// owner-only file beside the database (``PersonalDataKeyFile``), never inside it, so a copied database or
/// backup shows no name or phone.
///
/// A sealed value is `XKP1`, the key id (4 bytes, big-endian), then AES-GCM's nonce, ciphertext and tag.
public struct PersonalDataKeys: Sendable, Equatable {
    /// One key with the id that sealed values carry.
    public struct Key: Sendable, Equatable, Codable {
        public var id: UInt32
        /// 32 random bytes, kept as bytes: Crypto's SymmetricKey is not Sendable.
        public var secret: [UInt8]
    }

    public private(set) var keys: [Key]
    /// The id of the key new values are sealed with (the highest).
    public var activeID: UInt32 { keys.map(\.id).max() ?? 0 }

    static let magic: [UInt8] = Array("XKP1".utf8)
    static let headerSize = magic.count + 4

    public init(keys: [Key]) { self.keys = keys }

    /// A key ring with one new random key.
    public static func generate() -> PersonalDataKeys {
        PersonalDataKeys(keys: [Key(id: 1, secret: Self.randomSecret())])
    }

    /// Adds a new random key that becomes the active one; older keys stay until ``retire(below:)``.
    public mutating func rotate() {
        keys.append(Key(id: activeID + 1, secret: Self.randomSecret()))
    }

    /// Drops every key older than `id` (after every record has been sealed again with the newer one).
    public mutating func retire(below id: UInt32) {
        keys.removeAll { $0.id < id }
    }

    /// Whether `bytes` is a sealed value (anything else is a record from before sealing, read as it is).
    public static func isSealed(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count > headerSize && bytes.starts(with: magic)
    }

    /// The key id a sealed value was sealed with.
    public static func keyID(of sealed: some Collection<UInt8>) -> UInt32? {
        guard isSealed(sealed) else { return nil }
        return Array(sealed.dropFirst(magic.count).prefix(4)).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// `plaintext` sealed with the active key.
    public func seal(_ plaintext: some DataProtocol) throws(PersonalDataError) -> [UInt8] {
        guard let key = keys.first(where: { $0.id == activeID }) else { throw .noKey }
        do {
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key.secret))
            guard let combined = box.combined else { throw PersonalDataError.noKey }
            var out = Self.magic
            out.reserveCapacity(Self.headerSize + combined.count)
            withUnsafeBytes(of: key.id.bigEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: combined)
            return out
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .sealFailed("\(error)")
        }
    }

    /// The plaintext of a sealed value; a value that was never sealed (an older store's) comes back as it is.
    public func open(_ stored: some Collection<UInt8>) throws(PersonalDataError) -> [UInt8] {
        guard let id = Self.keyID(of: stored) else { return Array(stored) }
        guard let key = keys.first(where: { $0.id == id }) else { throw .unknownKey(id) }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(stored.dropFirst(Self.headerSize)))
            return Array(try AES.GCM.open(box, using: SymmetricKey(data: key.secret)))
        } catch {
            throw .tampered
        }
    }

    static func randomSecret() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }
}
