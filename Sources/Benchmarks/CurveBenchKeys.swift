import Dispatcher
import Foundation
import Security
import ZeroMQ

/// The keys `xk bench --curve` runs the dispatcher with, made in a temporary folder and removed afterwards:
/// the dispatcher's pair, an officer's for the clients (an officer may call a ward's service directly) and
/// ward 00286's for the echo workers (a ward key may register only its own ward). So the keyed measurement
/// pays for everything a keyed district does: the CURVE handshake and encryption, the ZAP handler, and the
/// per-message authorization by the ZAP user id.
struct CurveBenchKeys: Sendable {
    /// The echo workers' service: the one a ward key may register.
    static let service = Array("ward.00286".utf8)

    let path: String
    let security: DispatcherSecurity
    let client: CurveClientKeys
    let worker: CurveClientKeys

    static func make() throws -> CurveBenchKeys {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("xk-bench-keys-\(getpid())")
        let folder = KeyFolder(path: path)
        _ = try folder.add(name: "dispatcher", role: .dispatcher, ward: nil, config: nil)
        _ = try folder.add(name: "officer", role: .officer, ward: nil, config: nil)
        _ = try folder.add(name: "ward-00286", role: .ward, ward: "00286", config: nil)
        let server = try folder.keyPair(named: "dispatcher")
        return CurveBenchKeys(
            path: path,
            security: DispatcherSecurity(keyPair: server, registry: try KeyRegistry(path: folder.authorizedPath)),
            client: CurveClientKeys(own: try folder.keyPair(named: "officer"), serverPublicKey: server.publicKey),
            worker: CurveClientKeys(own: try folder.keyPair(named: "ward-00286"), serverPublicKey: server.publicKey))
    }

    /// Deletes the folder.
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
