import Foundation
import XungKich
import ZeroMQ

/// A district's key folder: `NAME.key` (secret, 0600) and `NAME.pub` per identity, and `authorized.yaml`
/// listing every public key with its identity, role and ward. The folder itself is owner-only.
public struct KeyFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public var authorizedPath: String { file("authorized.yaml") }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// The identities a district needs: its services, one help desk, one officer, one viewer and one key per ward.
    public static func standardIdentities(for config: DistrictConfig) -> [(name: String, role: Role, ward: String?)] {
        [("dispatcher", .dispatcher, nil), ("coordinator", .coordinator, nil), ("intake", .intake, nil),
         ("officer", .officer, nil), ("viewer", .viewer, nil)]
            + config.wards.map { ("ward-\($0.code)", .ward, $0.code) }
    }

    /// Makes every standard identity of `config` that the folder does not have yet; existing keys are kept.
    /// Returns the identities made.
    @discardableResult
    public func initialize(for config: DistrictConfig) throws(KeyError) -> [AuthorizedKey] {
        try makeFolder()
        var authorized = FileManager.default.fileExists(atPath: authorizedPath)
            ? try AuthorizedKeys.load(path: authorizedPath) : AuthorizedKeys()
        var made: [AuthorizedKey] = []
        for identity in Self.standardIdentities(for: config) where authorized.key(named: identity.name) == nil {
            let key = try makeKey(name: identity.name, role: identity.role, ward: identity.ward)
            authorized.keys.append(key)
            made.append(key)
        }
        try authorized.save(path: authorizedPath)
        return made
    }

    /// Adds one identity (a second help desk, a second officer, a ward's replacement machine).
    public func add(name: String, role: Role, ward: String?, config: DistrictConfig?) throws(KeyError) -> AuthorizedKey {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .badName(name: name)
        }
        if role == .ward {
            guard let ward else { throw .wardNeeded }
            if let config, config.ward(code: ward) == nil { throw .unknownWard(code: ward, config: config.district.name) }
        } else if ward != nil {
            throw .wardNotForRole(role: role)
        }
        try makeFolder()
        var authorized = FileManager.default.fileExists(atPath: authorizedPath)
            ? try AuthorizedKeys.load(path: authorizedPath) : AuthorizedKeys()
        guard authorized.key(named: name) == nil else { throw .duplicateName(name: name) }
        let key = try makeKey(name: name, role: role, ward: ward)
        authorized.keys.append(key)
        try authorized.save(path: authorizedPath)
        return key
    }

    /// Marks `name` revoked; its key is refused from then on (running services pick it up within seconds).
    public func revoke(name: String) throws(KeyError) -> AuthorizedKey {
        var authorized = try AuthorizedKeys.load(path: authorizedPath)
        guard let index = authorized.keys.firstIndex(where: { $0.name == name }) else {
            throw .unknownIdentity(name: name, folder: path)
        }
        authorized.keys[index].revoked = true
        try authorized.save(path: authorizedPath)
        return authorized.keys[index]
    }

    /// Every identity, revoked ones too.
    public func list() throws(KeyError) -> [AuthorizedKey] { try AuthorizedKeys.load(path: authorizedPath).keys }

    /// The key pair of `name`, from `NAME.key`.
    public func keyPair(named name: String) throws(KeyError) -> CurveKeyPair {
        let path = file("\(name).key")
        guard FileManager.default.fileExists(atPath: path) else { throw .unknownIdentity(name: name, folder: self.path) }
        let key = try KeyFile.load(path: path)
        guard let secret = key.secretKey, CurveKeyPair.publicKey(ofSecret: secret) == key.publicKey else {
            throw .keyUnreadable(path: path, reason: "its secret key is missing or does not match its public key")
        }
        return CurveKeyPair(publicKey: key.publicKey, secretKey: secret)
    }

    /// The public key of `name` (e.g. `dispatcher`), from `NAME.pub` (or `NAME.key`).
    public func publicKey(of name: String) throws(KeyError) -> String {
        for file in [file("\(name).pub"), file("\(name).key")] where FileManager.default.fileExists(atPath: file) {
            let key = try KeyFile.load(path: file)
            guard CurveKeyPair.isZ85Key(key.publicKey) else {
                throw .keyUnreadable(path: file, reason: "the public key is not 40 Z85 characters")
            }
            return key.publicKey
        }
        throw .unknownIdentity(name: name, folder: path)
    }

    private func makeFolder() throws(KeyError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw .folderUnreadable(path: path, reason: "\(error)")
        }
    }

    private func makeKey(name: String, role: Role, ward: String?) throws(KeyError) -> AuthorizedKey {
        let pair: CurveKeyPair
        do {
            pair = try CurveKeyPair.generate()
        } catch {
            throw .folderUnreadable(path: path, reason: "libzmq could not make a CURVE key pair: \(error)")
        }
        try KeyFile(name: name, role: role, ward: ward, publicKey: pair.publicKey, secretKey: pair.secretKey)
            .create(path: file("\(name).key"), mode: 0o600)
        try KeyFile(name: name, role: role, ward: ward, publicKey: pair.publicKey, secretKey: nil)
            .create(path: file("\(name).pub"), mode: 0o644)
        return AuthorizedKey(name: name, role: role, ward: ward, publicKey: pair.publicKey)
    }
}
