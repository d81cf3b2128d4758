import ArgumentParser
import Foundation
import Security
import ZeroMQ

/// `--keys DIR` and `--identity NAME` for commands that open sockets. Without a key folder (no `--keys` and
/// no `XK_KEYS`), connections are plaintext, which a keyed dispatcher refuses.
struct KeyOptions: ParsableArguments {
    @Option(help: "Key folder made by `xk keys init` (default: $XK_KEYS or the settings file). With it, every connection is CURVE-encrypted and authenticated.")
    var keys: String?

    @Option(help: "The identity whose key this command uses (default: the command's usual one, e.g. intake for enqueue).")
    var identity: String?

    /// The key folder, from --keys, XK_KEYS or the settings file.
    var folder: KeyFolder? {
        (keys ?? Settings.value(.keys)).flatMap { $0.isEmpty ? nil : KeyFolder(path: $0) }
    }

    /// The client keys for connecting to the dispatcher as `identity` (or `defaultIdentity`); nil without keys.
    func clientKeys(defaultIdentity: String, server: String = "dispatcher") throws -> CurveClientKeys? {
        guard let folder else { return nil }
        return CurveClientKeys(own: try folder.keyPair(named: identity ?? defaultIdentity),
                               serverPublicKey: try folder.publicKey(of: server))
    }
}
