import Security
import XungKich
import ZeroMQ

/// The demo's throwaway key set, so the main job shows the secure path: every process runs with keys and
/// every connection — ipc:// ones included — is CurveZMQ, authenticated by the dispatchers' and the
/// coordinator's ZAP handlers and authorized per message by role. Made in the demo's temporary folder with
/// what `xk keys init` does, and removed with it.
///
/// One folder for all districts, with one key pair per district dispatcher: one `authorized.yaml` lists the
/// coordinator's, the demo's own intake and viewer keys and every ward's key, so the one coordinator key is
/// trusted by every dispatcher and the one viewer key by the coordinator, as a city would run it; yet each
/// dispatcher has a pair of its own (a leaked dispatcher key cannot pose as another district's). With one
/// district its dispatcher is `dispatcher`, as `xk keys init` makes it; with several, each runs as
/// `dispatcher-<district code>`, and the workers and the coordinator are told whose public key to check
/// (`--dispatcher-key`).
struct DemoKeys: Sendable {
    let folder: KeyFolder
    /// District code → the identity its dispatcher runs as.
    private let dispatchers: [String: String]

    /// Makes the keys of `districts` in `path` (a new folder, owner-only).
    static func make(in path: String, districts: [DistrictConfig]) throws(DemoError) -> DemoKeys {
        let folder = KeyFolder(path: path)
        var dispatchers: [String: String] = [:]
        do {
            for config in districts { try folder.initialize(for: config) }
            for config in districts {
                let code = config.district.code
                let name = districts.count == 1 ? "dispatcher" : "dispatcher-\(code)"
                if districts.count > 1 { _ = try folder.add(name: name, role: .dispatcher, ward: nil, config: config) }
                dispatchers[code] = name
            }
        } catch {
            throw .keys(path: path, reason: "\(error)")
        }
        return DemoKeys(folder: folder, dispatchers: dispatchers)
    }

    /// The identity district `code`'s dispatcher runs as.
    func dispatcher(_ code: String) -> String { dispatchers[code] ?? "dispatcher" }

    /// The feeder's keys for district `code`'s dispatcher: a help desk's (`intake`).
    func feeder(_ code: String) throws(DemoError) -> CurveClientKeys {
        try client("intake", server: dispatcher(code))
    }

    /// The statistics reader's keys for the coordinator: a `viewer`'s, which may read statistics and nothing else.
    func statsReader() throws(DemoError) -> CurveClientKeys { try client("viewer", server: "coordinator") }

    private func client(_ name: String, server: String) throws(DemoError) -> CurveClientKeys {
        do {
            return CurveClientKeys(own: try folder.keyPair(named: name), serverPublicKey: try folder.publicKey(of: server))
        } catch {
            throw .keys(path: folder.path, reason: "\(error)")
        }
    }
}
