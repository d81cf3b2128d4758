import Foundation
import ZeroMQ

/// libzmq lets every key in when no ZAP handler answers (ZAP fails open in 4.3). Before a keyed service serves,
/// this proves the context's handler refuses a key it does not know: a CURVE server on a loopback port of the
/// same context, a client with a random key pair, and no message may get through.
public enum FailOpenGuard {
    /// Throws ``KeyError/failOpen(detail:)`` when a random key's message reaches the server within `wait`.
    public static func check(context: ZMQContext, serverKeys: CurveKeyPair, wait: Duration = .milliseconds(500)) throws {
        let server = try ZMQSocket(context, .router)
        defer { server.close() }
        try server.set(.linger(milliseconds: 0))
        try server.secure(asServerWith: serverKeys.secretKey)
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try server.lastEndpoint()

        let stranger = try ZMQSocket(context, .dealer)
        defer { stranger.close() }
        try stranger.set(.linger(milliseconds: 0))
        try stranger.secure(asClient: CurveClientKeys(own: try CurveKeyPair.generate(), serverPublicKey: serverKeys.publicKey))
        try stranger.connect(endpoint)
        _ = try stranger.send([Array("who goes there".utf8)], dontWait: true)

        var poller = Poller()
        poller.add(server)
        let milliseconds = Int(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
        if try poller.poll(timeoutMilliseconds: milliseconds) > 0, try server.receive(dontWait: true) != nil {
            throw KeyError.failOpen(detail: "a random key's message reached a CURVE server on \(endpoint)")
        }
    }
}
