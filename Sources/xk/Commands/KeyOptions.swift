import ArgumentParser
import Foundation
import Security
import ZeroMQ

/// `--keys DIR`, `--identity NAME` and `--dispatcher-key NAME` for commands that open sockets. Without a key
/// folder (no `--keys` and no `XK_KEYS`), connections are plaintext, which a keyed dispatcher or coordinator
/// refuses.
struct KeyOptions: ParsableArguments {
    @Option(help: "Key folder made by `xk keys init` (default: $XK_KEYS or the settings file). With it, every connection is CURVE-encrypted and authenticated.")
    var keys: String?

    @Option(help: "The identity whose key this command uses (default: the command's usual one, e.g. intake for enqueue).")
    var identity: String?

    @Option(help: "The identity of the dispatcher to connect to, whose public key (NAME.pub) the connection checks (default: dispatcher). Comma-separated in --config order where a command reaches several districts, e.g. dispatcher-007,dispatcher-250.")
    var dispatcherKey: String?

    /// The key folder, from --keys, XK_KEYS or the settings file.
    var folder: KeyFolder? {
        (keys ?? Settings.value(.keys)).flatMap { $0.isEmpty ? nil : KeyFolder(path: $0) }
    }

    /// The client keys for connecting as `identity` (or `defaultIdentity`) to the server whose identity is
    /// `server` (by default the dispatcher named by `--dispatcher-key`, else `dispatcher`); nil without keys.
    func clientKeys(defaultIdentity: String, server: String? = nil) throws -> CurveClientKeys? {
        guard let folder else { return nil }
        return CurveClientKeys(own: try folder.keyPair(named: identity ?? defaultIdentity),
                               serverPublicKey: try folder.publicKey(of: server ?? dispatcherKey ?? "dispatcher"))
    }

    /// The dispatchers' identities for `count` districts in --config order: `--dispatcher-key` split at commas
    /// (one name for all, or one per district), else `dispatcher` for each.
    func dispatcherIdentities(count: Int) throws -> [String] {
        guard let dispatcherKey else { return Array(repeating: "dispatcher", count: count) }
        let names = dispatcherKey.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if names.count == 1 { return Array(repeating: names[0], count: count) }
        guard names.count == count else {
            throw ValidationError("--dispatcher-key names \(names.count) dispatchers for \(count) districts; give one name, or one per --config in the same order")
        }
        return names
    }
}
