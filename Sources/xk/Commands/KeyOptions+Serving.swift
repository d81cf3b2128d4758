import ArgumentParser
import Foundation
import Logging
import Security
import ZeroMQ

/// What the listening commands (`xk dispatcher`, `xk coordinator`) share about keys: with a key folder, their
/// own pair and the district's authorized keys (read again on SIGHUP and within a second of a change);
/// without one, no listening beyond loopback unless `--insecure` says it is a test bench.
extension KeyOptions {
    /// The service's key pair (`--identity`, else `defaultIdentity`) and the registry of `authorized.yaml`;
    /// nil without a key folder. Installs the SIGHUP reload and logs that keys are on.
    func serving(defaultIdentity: String, logger: Logger) throws -> (keyPair: CurveKeyPair, registry: KeyRegistry)? {
        guard let folder else { return nil }
        let name = identity ?? defaultIdentity
        let registry = try KeyRegistry(path: folder.authorizedPath)
        let keyPair = try folder.keyPair(named: name)
        Self.reloadOnHangUp(registry, logger: logger)
        logger.info("keys on: CURVE endpoints, each message authorized by its key's role", metadata: [
            "keys": "\(folder.path)", "identity": "\(name)",
        ])
        return (keyPair, registry)
    }

    /// Throws ``KeyError/insecureListen(endpoint:exposes:)`` for the first endpoint beyond loopback, unless
    /// `insecure`. `exposes` completes "anyone on the network could …".
    static func refuseOpenDoor(_ endpoints: [String], insecure: Bool, exposes: String) throws(KeyError) {
        guard !insecure else { return }
        if let open = endpoints.first(where: { !Endpoint.isLocal($0) }) {
            throw .insecureListen(endpoint: open, exposes: exposes)
        }
    }

    /// SIGHUP reads `authorized.yaml` again at once (it is also read within a second of any change).
    private static func reloadOnHangUp(_ registry: KeyRegistry, logger: Logger) {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP)
        source.setEventHandler {
            if let error = registry.reload() {
                logger.error("authorized keys not reloaded", metadata: ["error": "\(error)"])
            } else {
                logger.notice("authorized keys reloaded (SIGHUP)")
            }
        }
        source.resume()
        // The source must live as long as the process does; nothing else holds it.
        _ = Unmanaged.passRetained(source as AnyObject)
    }
}
