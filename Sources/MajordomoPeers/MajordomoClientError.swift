/// Why a Majordomo request did not get its answer.
public enum MajordomoClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No reply within the timeout, after every retry. The dispatcher may be down or overloaded,
    /// or no worker serves the service.
    case timedOut(service: String, attempts: Int, endpoint: String)
    /// The client was closed while the request was waiting.
    case closed
    /// The dialect cannot express the request (e.g. it was empty).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .timedOut(let service, let attempts, let endpoint):
            "no answer from \(endpoint) for service '\(service)' after \(attempts) attempt(s); "
                + "is the dispatcher running there, and does a worker serve '\(service)'?"
        case .closed: "the client was closed before the answer came"
        case .invalidRequest(let why): "invalid request: \(why)"
        }
    }
}
