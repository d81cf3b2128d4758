import Foundation
import Synchronization

/// The district's authorized keys as a running service sees them: read from `authorized.yaml`, and read again
/// when the file changes (checked at most once a second) or on ``reload()`` (SIGHUP), so a revoked key is
/// refused within seconds on connections already open, without a restart. Shared by the ZAP handler's thread
/// and the service's own loop.
public final class KeyRegistry: Sendable {
    public let path: String
    private let state: Mutex<State>

    private struct State {
        var keys: AuthorizedKeys
        var modified: Date?
        var checked: Double
        /// Bumped at every change, so loops can tell cheaply whether to look again.
        var version: Int
    }

    public init(path: String) throws(KeyError) {
        self.path = path
        let keys = try AuthorizedKeys.load(path: path)
        state = Mutex(State(keys: keys, modified: Self.modified(path), checked: Date().timeIntervalSince1970, version: 1))
    }

    /// The identity holding `publicKey`, if it is known and not revoked.
    public func identity(publicKey: String) -> AuthorizedKey? {
        refreshIfDue()
        return state.withLock { $0.keys.key(publicKey: publicKey) }.flatMap { $0.revoked ? nil : $0 }
    }

    /// The identity named `name` (a ZAP user id), revoked or not.
    public func identity(named name: String) -> AuthorizedKey? {
        refreshIfDue()
        return state.withLock { $0.keys.key(named: name) }
    }

    /// Every key with the registry's version; the version changes whenever the keys do.
    public var snapshot: (keys: AuthorizedKeys, version: Int) {
        refreshIfDue()
        return state.withLock { ($0.keys, $0.version) }
    }

    /// Reads the file again now. A file that cannot be read keeps the keys there were (and says so).
    @discardableResult
    public func reload() -> KeyError? {
        do {
            let keys = try AuthorizedKeys.load(path: path)
            let modified = Self.modified(path)
            state.withLock { state in
                if keys != state.keys { state.version += 1 }
                state.keys = keys
                state.modified = modified
                state.checked = Date().timeIntervalSince1970
            }
            return nil
        } catch {
            state.withLock { $0.checked = Date().timeIntervalSince1970 }
            return error
        }
    }

    private func refreshIfDue() {
        let now = Date().timeIntervalSince1970
        let due = state.withLock { state -> Bool in
            guard now - state.checked >= 1 else { return false }
            state.checked = now
            return Self.modified(path) != state.modified
        }
        if due { reload() }
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
