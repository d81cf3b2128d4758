/// One public key a district trusts, as `authorized.yaml` lists it.
public struct AuthorizedKey: Codable, Sendable, Hashable {
    /// The identity's name, e.g. `dispatcher`, `intake`, `ward-00286`, `intake-2`; also its ZAP user id.
    public var name: String
    public var role: Role
    /// For a ward key: the ward's GSO code.
    public var ward: String?
    /// Z85, 40 characters.
    public var publicKey: String
    /// A revoked key is refused at the handshake and on every message of a connection already open.
    public var revoked: Bool

    public init(name: String, role: Role, ward: String? = nil, publicKey: String, revoked: Bool = false) {
        self.name = name
        self.role = role
        self.ward = ward
        self.publicKey = publicKey
        self.revoked = revoked
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        role = try c.decode(Role.self, forKey: .role)
        ward = try c.decodeIfPresent(String.self, forKey: .ward)
        publicKey = try c.decode(String.self, forKey: .publicKey)
        revoked = try c.decodeIfPresent(Bool.self, forKey: .revoked) ?? false
    }
}
