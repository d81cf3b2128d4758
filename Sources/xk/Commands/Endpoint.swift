/// Where an endpoint listens.
enum Endpoint {
    /// Whether `endpoint` is reachable from this machine only (ipc, inproc, loopback tcp).
    static func isLocal(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return true }
        let host = endpoint.dropFirst("tcp://".count).split(separator: ":").dropLast().joined(separator: ":")
        return host.hasPrefix("127.") || host == "localhost" || host == "[::1]" || host == "::1"
    }
}
