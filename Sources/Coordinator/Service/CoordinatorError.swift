/// Why the coordinator could not start or had to stop. Each message names what failed and what a ward
/// officer (or whoever runs the coordinator) can do about it; `xk coordinator` prints it and exits non-zero.
public enum CoordinatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--store` is neither `sqlite:PATH` nor a PostgreSQL URL.
    case badStoreLocation(String)
    /// The SQLite store could not be opened or prepared.
    case storeUnavailable(location: String, reason: String)
    /// The statistics endpoint could not be opened (typically: another process has the address).
    case endpointUnavailable(endpoint: String, reason: String)
    /// A district dispatcher's events endpoint could not be subscribed to (a malformed address, say).
    case eventsUnavailable(district: String, endpoint: String, reason: String)
    /// Following the events failed after it had started.
    case subscriptionFailed(reason: String)

    /// The cause and what to do about it.
    public var description: String {
        switch self {
        case .badStoreLocation(let text):
            "the statistics store \"\(text)\" is neither sqlite:PATH nor postgres://USER:PASSWORD@HOST:PORT/DATABASE; "
                + "give --store one of those"
        case .storeUnavailable(let location, let reason):
            "the statistics store \(location) could not be opened (\(reason)); check that its folder exists and "
                + "is writable by this user, and that no other program holds the file"
        case .endpointUnavailable(let endpoint, let reason):
            "the statistics endpoint \(endpoint) could not be opened (\(reason)); another xk coordinator may "
                + "already be listening there: stop it, or give this one another --endpoint"
        case .eventsUnavailable(let district, let endpoint, let reason):
            "cannot follow district \(district)'s events at \(endpoint) (\(reason)); check the --events address "
                + "(e.g. tcp://127.0.0.1:5556, the dispatcher's own --events)"
        case .subscriptionFailed(let reason):
            "following the dispatchers' events failed (\(reason)); restart the coordinator: it catches up from "
                + "the last event it stored"
        }
    }
}
