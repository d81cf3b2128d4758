import Security
import ZeroMQ

/// What a coordinator with keys needs for its statistics endpoint: its own key pair (`xk stats` checks its
/// public key, `coordinator.pub`) and the district's authorized keys, read again when the file changes.
public struct StatsSecurity: Sendable {
    /// The coordinator's pair; the endpoint is a CURVE server with its secret half.
    public var keyPair: CurveKeyPair
    /// Who may connect (ZAP) and, per message, what they may ask (``StatsAccessPolicy``).
    public var registry: KeyRegistry

    /// Creates the endpoint's security from the coordinator's pair and the registry of `authorized.yaml`.
    public init(keyPair: CurveKeyPair, registry: KeyRegistry) {
        self.keyPair = keyPair
        self.registry = registry
    }
}
