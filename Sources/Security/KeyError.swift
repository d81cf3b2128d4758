/// Why a key operation or a keyed start failed, with what to do.
public enum KeyError: Error, CustomStringConvertible, Sendable, Equatable {
    case folderUnreadable(path: String, reason: String)
    case authorizedUnreadable(path: String, reason: String)
    case exists(path: String)
    case unknownIdentity(name: String, folder: String)
    case duplicateName(name: String)
    case keyUnreadable(path: String, reason: String)
    case wardNeeded
    case wardNotForRole(role: Role)
    case unknownWard(code: String, config: String)
    case badName(name: String)
    case failOpen(detail: String)
    /// A service asked to listen beyond loopback without keys; `exposes` says what anyone could then do.
    case insecureListen(endpoint: String, exposes: String)

    public var description: String {
        switch self {
        case .folderUnreadable(let path, let reason):
            "the key folder \(path) cannot be used: \(reason)"
        case .authorizedUnreadable(let path, let reason):
            "\(path) cannot be read: \(reason). It lists the district's public keys; restore it or run `xk keys init`."
        case .exists(let path):
            "\(path) exists already; keys are never overwritten (revoke the old identity and add one under a new name)"
        case .unknownIdentity(let name, let folder):
            "no identity \"\(name)\" in \(folder)/authorized.yaml; see `xk keys list --keys \(folder)`"
        case .duplicateName(let name):
            "an identity named \"\(name)\" exists already; choose another --name"
        case .keyUnreadable(let path, let reason):
            "the key file \(path) cannot be read (\(reason)); copy the identity's .key file from where `xk keys` made it"
        case .wardNeeded:
            "a ward key needs --ward CODE"
        case .wardNotForRole(let role):
            "--ward is only for ward keys, not \(role.rawValue)"
        case .unknownWard(let code, let config):
            "\(code) is not a ward of \(config)"
        case .badName(let name):
            "\"\(name)\" is not a usable identity name: use letters, digits, '-' and '_' only"
        case .failOpen(let detail):
            "the authentication handler accepted a key it does not know (\(detail)): refusing to serve an open door. "
                + "Check that nothing else binds inproc://zeromq.zap.01 in this process."
        case .insecureListen(let endpoint, let exposes):
            "refusing to listen on \(endpoint) without keys: anyone on the network could \(exposes). "
                + "Make keys (`xk keys init`) and pass --keys DIR, or pass --insecure for a test bench."
        }
    }
}
