import Foundation
import Yams

/// Where `xk` finds its usual endpoints and folders when a flag is not given, so results never depend on the
/// folder a command is run from: the environment first (`XK_DISPATCHER`, `XK_COORDINATOR`, `XK_KEYS`, `XK_WARD`),
/// then the settings file (`XK_SETTINGS`, else `/etc/xungkich/xk.yaml` when present), then the built-in default.
///
/// The file is flat YAML: `dispatcher: tcp://10.0.0.5:5555`, `coordinator: …`, `keys: /etc/xungkich/keys`, `ward: "00286"`,
/// `config: /etc/xungkich/hai-ba-trung.yaml` (`XK_CONFIG`; several comma-separated), `member: lan.nguyen`.
enum Settings {
    /// One setting: its environment variable and its key in the file.
    enum Key: String, CaseIterable {
        case dispatcher, coordinator, keys, ward, member
        /// District configuration file(s), comma-separated.
        case config
        /// `vi` for Vietnamese sentences from the team members' commands (``Say``).
        case lang

        var environment: String { "XK_\(rawValue.uppercased())" }
    }

    static let defaultPath = "/etc/xungkich/xk.yaml"

    /// The value of `key`, or `fallback` when neither the environment nor the file sets it.
    static func value(_ key: Key, default fallback: String) -> String {
        value(key) ?? fallback
    }

    static func value(_ key: Key) -> String? {
        if let set = ProcessInfo.processInfo.environment[key.environment], !set.isEmpty { return set }
        return file[key.rawValue]
    }

    /// The settings file's values; a file that is given but cannot be read stops the command with the reason.
    private static let file: [String: String] = {
        let environment = ProcessInfo.processInfo.environment
        let explicit = environment["XK_SETTINGS"].flatMap { $0.isEmpty ? nil : $0 }
        let path = explicit ?? defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            if let explicit { fail("XK_SETTINGS names \(explicit), which does not exist") }
            return [:]
        }
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [:] }
            // Every value as text: `ward: 00286` keeps its leading zeros.
            guard let values = try? YAMLDecoder().decode([String: String].self, from: text) else {
                fail("\(path) is not a mapping of settings (one `name: value` per line)")
            }
            if let unknown = values.keys.sorted().first(where: { Key(rawValue: $0) == nil }) {
                fail("\(path): unknown setting \"\(unknown)\"; known: " + Key.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return values
        } catch {
            fail("\(path) cannot be read: \(error)")
        }
    }()

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: settings: \(message)\n".utf8))
        exit(2)
    }
}
