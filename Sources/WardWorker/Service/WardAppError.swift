/// Why a ward's worker cannot start, with what to do.
public enum WardAppError: Error, CustomStringConvertible, Sendable {
    /// Another worker already serves this control endpoint.
    case controlInUse(endpoint: String, holder: String)

    public var description: String {
        switch self {
        case let .controlInUse(endpoint, holder):
            "the control endpoint \(endpoint) is in use by another worker (\(holder)); stop it first, or give this "
                + "one another --control"
        }
    }
}
