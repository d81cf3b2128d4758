import Security
import ZeroMQ

/// What a dispatcher with keys needs: its own key pair (clients check its public key) and the district's
/// authorized keys, read again when the file changes.
public struct DispatcherSecurity: Sendable {
    public var keyPair: CurveKeyPair
    public var registry: KeyRegistry

    public init(keyPair: CurveKeyPair, registry: KeyRegistry) {
        self.keyPair = keyPair
        self.registry = registry
    }
}
