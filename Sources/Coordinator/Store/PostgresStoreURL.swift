import Foundation
import PostgresNIO

/// Where a ``PostgresFactStore`` connects, parsed from a libpq-style URL:
///
/// - `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (TCP; `postgresql://` too; IPv6 as `[::1]`; port 5432 by
///   default; user and password percent-encoded if they contain `@ : / ?`),
/// - `postgres:///DATABASE?host=/var/run/postgresql` (a unix socket in that folder, `.s.PGSQL.PORT`; also
///   written `postgres://%2Fvar%2Frun%2Fpostgresql/DATABASE`).
///
/// Query parameters: `host`, `port`, `user`, `password`, `dbname` (as libpq's), `sslmode` (`disable`, the
/// default, or `require`/`verify-full`: TLS with the certificate and host name verified), `application_name`,
/// and `schema` (this store's own: the tables live in that schema, created if missing; for tests and for
/// several coordinators in one database). Anything else is an error, so a typo does not go unnoticed.
///
/// Without a user, the user is `$PGUSER`, else `$USER`, else `postgres` (libpq uses the OS user). Without a
/// database, the server picks the user's name.
public struct PostgresStoreURL: Sendable, Equatable {
    /// How to reach the server.
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket file itself, e.g. `/var/run/postgresql/.s.PGSQL.5432`.
        case unixSocket(path: String)
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String?
    /// TLS required (and verified); only for TCP.
    public var requireTLS: Bool
    /// The schema the tables live in; `nil` for the server's default search path (normally `public`).
    public var schema: String?
    public var applicationName: String

    /// Parses `url`; throws ``PostgresStoreError/badURL(reason:)`` saying what is wrong.
    public init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func bad(_ reason: String) -> PostgresStoreError { .badURL(reason: reason) }
        func decode(_ part: Substring, _ what: String) throws -> String {
            guard let decoded = String(part).removingPercentEncoding else {
                throw bad("\(what) has a bad %-escape")
            }
            return decoded
        }

        guard let schemeEnd = url.range(of: "://") else {
            throw bad("no scheme: it must start with postgres://")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw bad("scheme '\(scheme)' is not postgres:// or postgresql://")
        }
        var rest = url[schemeEnd.upperBound...]
        if rest.contains("#") {
            throw bad("a '#' fragment has no meaning here (percent-encode a '#' in a password as %23)")
        }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }

        var user: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try decode(userInfo[..<colon], "the user")
                password = try decode(userInfo[userInfo.index(after: colon)...], "the password")
            } else {
                user = try decode(userInfo, "the user")
            }
        }

        var host: String?
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw bad("IPv6 host has no closing ']'")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw bad("unexpected '\(after)' after the IPv6 host") }
                portText = after.dropFirst()
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try decode(hostPort[..<colon], "the host")
            portText = hostPort[hostPort.index(after: colon)...]
        } else if !hostPort.isEmpty {
            host = try decode(hostPort, "the host")
        }
        var port = 5432
        if let portText {
            port = try Self.port(portText)
        }
        if path.contains("/") {
            throw bad("the path must be just the database name, not '\(path)'")
        }
        var database: String? = try path.isEmpty ? nil : decode(path, "the database name")

        var sslmode = "disable"
        var schema: String?
        var applicationName = "xk-coordinator"
        if !query.isEmpty {
            for item in query.split(separator: "&", omittingEmptySubsequences: true) {
                guard let eq = item.firstIndex(of: "=") else {
                    throw bad("query parameter '\(item)' has no '='")
                }
                let key = try decode(item[..<eq], "a query parameter name")
                let value = try decode(item[item.index(after: eq)...], "query parameter \(key)")
                switch key {
                case "host": host = value
                case "port": port = try Self.port(Substring(value))
                case "user": user = value
                case "password": password = value
                case "dbname": database = value
                case "sslmode": sslmode = value
                case "schema": schema = value
                case "application_name": applicationName = value
                default:
                    throw bad("unknown query parameter '\(key)' (known: host, port, user, password, dbname, "
                              + "sslmode, schema, application_name)")
                }
            }
        }

        switch sslmode {
        case "disable": requireTLS = false
        case "require", "verify-full": requireTLS = true
        default:
            throw bad("sslmode '\(sslmode)' is not supported (use disable, or require/verify-full for verified TLS)")
        }
        if let schema, schema.isEmpty {
            throw bad("schema is empty")
        }
        if let name = database, name.isEmpty {
            database = nil
        }

        if let host, host.hasPrefix("/") {
            if requireTLS {
                throw bad("sslmode=\(sslmode) with a unix socket: TLS is for TCP connections only")
            }
            endpoint = .unixSocket(path: host.hasSuffix("/") ? "\(host).s.PGSQL.\(port)" : "\(host)/.s.PGSQL.\(port)")
        } else if let host, !host.isEmpty {
            endpoint = .tcp(host: host, port: port)
        } else {
            throw bad("no host: give one (postgres://HOST/DATABASE) or a socket folder (?host=/var/run/postgresql)")
        }
        let defaultUser = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        if let user, !user.isEmpty {
            self.user = user
        } else {
            self.user = defaultUser
        }
        self.password = password
        self.database = database
        self.schema = schema
        self.applicationName = applicationName
    }

    private static func port(_ text: Substring) throws -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw PostgresStoreError.badURL(reason: "port '\(text)' is not a number from 1 to 65535")
        }
        return port
    }

    /// `host:port` or the socket path, for messages.
    public var endpointDescription: String {
        switch endpoint {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unixSocket(let path): return path
        }
    }

    /// The URL without its password, for logs.
    public var redacted: String {
        let db = database.map { "/\($0)" } ?? "/"
        let who = password == nil ? user : "\(user):***"
        switch endpoint {
        case .tcp: return "postgres://\(who)@\(endpointDescription)\(db)" + (schema.map { "?schema=\($0)" } ?? "")
        case .unixSocket(let path):
            return "postgres://\(who)@\(db)?host=\(path)" + (schema.map { "&schema=\($0)" } ?? "")
        }
    }

    /// The PostgresNIO configuration for this URL.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            var tls = PostgresConnection.Configuration.TLS.disable
            if requireTLS {
                do {
                    tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                } catch {
                    throw PostgresStoreError.badURL(reason: "cannot set up TLS: \(error)")
                }
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database,
                                  tls: tls)
        case .unixSocket(let path):
            configuration = .init(unixSocketPath: path, username: user, password: password, database: database)
        }
        // Run-time parameters in the startup message: they hold for the whole session, and again after a
        // reconnect, without a SET that could be forgotten.
        var parameters = [("application_name", applicationName)]
        if let schema {
            parameters.append(("search_path", Self.quoteIdentifier(schema)))
        }
        configuration.options.additionalStartupParameters = parameters
        return configuration
    }

    /// `name` as a double-quoted SQL identifier.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
