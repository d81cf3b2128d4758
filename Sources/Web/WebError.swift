/// What can go wrong starting the web or managing its users, said so an operator can act on it.
public enum WebError: Error, CustomStringConvertible, Sendable {
    case usersFile(path: String, reason: String)
    case invalidName(String)
    case shortPassword(minimum: Int)
    case badAddress(String)
    case noDispatcher(district: String)

    public var description: String {
        switch self {
        case .usersFile(let path, let reason):
            "cannot read or write the users file \(path): \(reason)"
        case .invalidName(let name):
            "\"\(name)\" is not a usable login name: use 1 to 64 letters, digits, dots, dashes or underscores"
        case .shortPassword(let minimum):
            "the password is too short: use at least \(minimum) characters"
        case .badAddress(let address):
            "\"\(address)\" is not HOST:PORT, e.g. 127.0.0.1:8080"
        case .noDispatcher(let district):
            "no dispatcher is given for district \(district): pass --dispatcher with one endpoint per --config"
        }
    }
}
