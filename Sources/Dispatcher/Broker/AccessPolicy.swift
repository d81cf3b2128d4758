import Majordomo
import Security

/// Who may send what, decided per message from the ZAP user id libzmq attaches to it (the identity whose key
/// the connection was authenticated with) — not only at the handshake, so a key revoked while its connection
/// is open is refused from the next message on. A pure value: the loop replaces it when the keys change.
///
/// - `mmi.*`: any identity of the district.
/// - `xk.submit`, `xk.status`: intake or officer. `xk.admin`: officer. `xk.events`: coordinator or officer.
/// - `xk.case`: intake, officer or ward (which case, and whether revealed, is decided with the case in hand).
/// - Any other service as a client (e.g. `ward.00286` directly): officer only.
/// - READY for `ward.C`: only the key of ward C (role ward, ward C); no other registration.
/// - Other worker commands: ward keys only.
public struct AccessPolicy: Sendable, Equatable {
    /// What the policy knows of an identity.
    public struct Principal: Sendable, Equatable {
        public var role: Role
        public var ward: String?
        public var revoked: Bool

        public init(role: Role, ward: String?, revoked: Bool) {
            self.role = role
            self.ward = ward
            self.revoked = revoked
        }
    }

    public enum Decision: Sendable, Equatable {
        case allow
        case refuse(String)
    }

    public var principals: [String: Principal]

    public init(principals: [String: Principal]) { self.principals = principals }

    public init(keys: AuthorizedKeys) {
        principals = Dictionary(keys.keys.map { ($0.name, Principal(role: $0.role, ward: $0.ward, revoked: $0.revoked)) },
                                uniquingKeysWith: { first, _ in first })
    }

    public func decide(_ userID: String?, _ inbound: BrokerInbound) -> Decision {
        guard let userID, let principal = principals[userID] else { return .refuse("unauthenticated connection") }
        if principal.revoked { return .refuse("the key of \(userID) is revoked") }
        let role = principal.role
        switch inbound {
        case .request(_, let service, _):
            let name = String(decoding: service, as: UTF8.self)
            let allowed: Set<Role> = switch name {
            case _ where name.hasPrefix("mmi."): Set(Role.allCases)
            case "xk.submit", "xk.status": [.intake, .officer]
            case "xk.admin": [.officer]
            case "xk.events": [.coordinator, .officer]
            // Finer rules per case (a ward key for its own ward's cases, reveals) are the dispatcher's.
            case "xk.case": [.intake, .officer, .ward]
            default: [.officer]
            }
            return allowed.contains(role) ? .allow : .refuse("\(userID) (\(role.rawValue)) may not use \(name)")
        case .ready(_, let service, _):
            guard role == .ward, let ward = principal.ward, service == Array("ward.\(ward)".utf8) else {
                return .refuse("\(userID) (\(role.rawValue)) may not register \(String(decoding: service, as: UTF8.self))")
            }
            return .allow
        case .disconnect:
            return .allow
        case .heartbeat, .partial, .final:
            return role == .ward ? .allow : .refuse("\(userID) (\(role.rawValue)) is not a ward worker")
        }
    }
}
