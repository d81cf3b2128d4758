import Security
import XungKichWire

/// Who may ask the coordinator's statistics endpoint what, decided per message from the ZAP user id libzmq
/// attaches to it (the identity whose key the connection was authenticated with) and that identity as the
/// district's `authorized.yaml` says now — so a key revoked while its connection is open is refused from its
/// next query on. A pure function; the endpoint looks the identity up in its ``KeyRegistry`` for each message.
///
/// - `stats`, `contribution`, `baseline` (reading): viewer, officer or coordinator.
/// - `baseline-import` (it replaces the official totals every contribution figure is computed from): officer or
///   coordinator only.
/// - A query that cannot be read (no report to judge): whoever may read, so they learn what is wrong with it.
/// - Anyone else — intake, ward and dispatcher keys, a revoked key, a connection without a user id — nothing.
public enum StatsAccessPolicy {
    /// What the endpoint does with one query.
    public enum Decision: Sendable, Equatable {
        case allow
        /// Refused, with the reason for the audit log and the `forbidden` answer.
        case refuse(String)
    }

    /// Roles that may read statistics.
    public static let readers: Set<Role> = [.viewer, .officer, .coordinator]
    /// Roles that may change the data statistics are computed from (the official baseline).
    public static let writers: Set<Role> = [.officer, .coordinator]

    /// Decides one query.
    ///
    /// - Parameters:
    ///   - userID: the ZAP user id of the query's connection (nil on a connection ZAP did not authenticate).
    ///   - identity: that identity as the registry knows it now (nil when it is not there any more).
    ///   - report: the query's report, or nil when the body could not be read.
    public static func decide(userID: String?, identity: AuthorizedKey?, report: StatsQueryMessage.Report?) -> Decision {
        guard let userID, let identity, identity.name == userID else { return .refuse("unauthenticated connection") }
        if identity.revoked { return .refuse("the key of \(userID) is revoked") }
        let allowed = report == .baselineImport ? writers : readers
        guard allowed.contains(identity.role) else {
            return .refuse("\(userID) (\(identity.role.rawValue)) may not \(action(report))")
        }
        return .allow
    }

    /// What a report does, for refusals: "read statistics", "import the official baseline".
    static func action(_ report: StatsQueryMessage.Report?) -> String {
        switch report {
        case .baselineImport: "import the official baseline (officer or coordinator keys only)"
        case .baseline: "read the official baseline"
        case .requests: "read the request list"
        case .contribution: "read contribution statistics"
        case .stats, nil: "read statistics"
        }
    }
}
