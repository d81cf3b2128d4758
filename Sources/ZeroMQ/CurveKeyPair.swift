import CZeroMQ

/// A CurveZMQ key pair in Z85 text (40 characters each), as `zmq_curve_keypair` makes it.
public struct CurveKeyPair: Sendable, Hashable {
    public var publicKey: String
    public var secretKey: String

    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh pair from libzmq (libsodium's random source).
    public static func generate() throws -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicKey, &secretKey) == 0 else { throw ZMQError.last("curve_keypair") }
        return CurveKeyPair(publicKey: String(cString: publicKey), secretKey: String(cString: secretKey))
    }

    /// The public key of a Z85 secret key; nil when `secretKey` is not one.
    public static func publicKey(ofSecret secretKey: String) -> String? {
        guard isZ85Key(secretKey) else { return nil }
        var publicKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&publicKey, secretKey) == 0 else { return nil }
        return String(cString: publicKey)
    }

    /// Whether `text` is a 40-character Z85 key.
    public static func isZ85Key(_ text: String) -> Bool {
        let alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#")
        return text.count == 40 && text.allSatisfy(alphabet.contains)
    }
}

/// What a CURVE client needs: its own pair and the server's public key.
public struct CurveClientKeys: Sendable, Hashable {
    public var own: CurveKeyPair
    public var serverPublicKey: String

    public init(own: CurveKeyPair, serverPublicKey: String) {
        self.own = own
        self.serverPublicKey = serverPublicKey
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE client of the server with `keys.serverPublicKey`; call before `connect`.
    public func secure(asClient keys: CurveClientKeys) throws {
        try set(.curveServerKey(keys.serverPublicKey))
        try set(.curvePublicKey(keys.own.publicKey))
        try set(.curveSecretKey(keys.own.secretKey))
    }

    /// Makes this socket a CURVE server with `secretKey`, whose clients the context's ZAP handler judges;
    /// call before `bind`.
    public func secure(asServerWith secretKey: String, domain: String = "xk") throws {
        try set(.zapDomain(domain))
        try set(.curveServer(true))
        try set(.curveSecretKey(secretKey))
    }
}
