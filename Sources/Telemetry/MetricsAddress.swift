/// Where a daemon serves `/metrics` (`--metrics HOST:PORT`): loopback unless the operator says otherwise, because
/// the page tells anyone who can reach it how busy each ward is, and it has no login.
public struct MetricsAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host or address to bind, e.g. `127.0.0.1`, `::1` or `localhost`.
    public var host: String
    /// The TCP port; 0 picks a free one (tests read it back from the log line "metrics listening").
    public var port: Int

    /// Parses `HOST:PORT` (`[::1]:9464` for IPv6). A host that is not loopback is refused unless `allowRemote` is
    /// set (`--metrics-allow-remote`): then Prometheus on another machine may scrape, and the IT officer has said so.
    public init(parsing text: String, allowRemote: Bool) throws(MetricsAddressError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port)
        else { throw .malformed(text) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .malformed(text) }
        if !allowRemote, !Self.isLoopback(host) { throw .notLoopback(text) }
        self.host = host
        self.port = port
    }

    /// Whether `host` reaches this machine only.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why a `--metrics` address was refused.
public enum MetricsAddressError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case notLoopback(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            "--metrics \(text) is not HOST:PORT; write e.g. 127.0.0.1:9464"
        case .notLoopback(let text):
            "--metrics \(text) would let anyone on the network read how busy each ward is (the page has no login); "
                + "keep it on 127.0.0.1 and let Prometheus scrape through a tunnel or a proxy, or add "
                + "--metrics-allow-remote if a firewall limits who reaches this port"
        }
    }
}
