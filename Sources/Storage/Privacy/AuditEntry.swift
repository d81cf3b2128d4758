import Foundation

/// One line of a data folder's audit log: who touched citizens' personal data, how, and which requests.
/// Never the personal data itself.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// Seconds since 1970.
    public var at: Double
    /// The key identity (e.g. `ward-00286`, `officer`), with the team a ward key spoke for; `unauthenticated`
    /// on a dispatcher without keys; `local` for a command run on the data folder itself.
    public var who: String
    /// `reveal`, `erase-citizen`, `purge`, `erase-notice`, `rotate-key`.
    public var action: String
    /// Request ids concerned (empty for a key rotation).
    public var requests: [String]
    /// Anything else worth knowing (a count, a refusal's reason), never a name or phone.
    public var detail: String?

    public init(at: Double, who: String, action: String, requests: [String] = [], detail: String? = nil) {
        self.at = at
        self.who = who
        self.action = action
        self.requests = requests
        self.detail = detail
    }
}
