import PostgresNIO

/// Why ``PostgresFactStore`` could not connect, or could not do what it was asked. Every case's
/// ``description`` says what to do about it; none of them contains a password.
public enum PostgresStoreError: Error, CustomStringConvertible {
    /// The store URL is not one ``PostgresStoreURL`` accepts; `reason` says which part is wrong.
    case badURL(reason: String)
    /// No PostgreSQL server answered at `endpoint` (`host:port` or a unix socket path).
    case unreachable(endpoint: String, underlying: any Error)
    /// The server answered but refused the connection (wrong password, unknown role or database, …).
    /// `sqlState` is PostgreSQL's error code (e.g. `28P01` bad password, `3D000` no such database).
    case refused(endpoint: String, sqlState: String?, message: String)
    /// A statement failed. `operation` is what the store was doing (e.g. "commit 10000 facts").
    case statementFailed(operation: String, sqlState: String?, message: String)
    /// The connection broke during `operation`; the next call reconnects. For a commit, nothing or everything
    /// of it may have been stored, never a part: the coordinator resumes from the stored sequence numbers.
    case connectionLost(operation: String, underlying: any Error)
    /// The database's schema is newer than this build knows (it was migrated by a newer `xk`).
    case schemaTooNew(found: Int, supported: Int)
    /// ``PostgresFactStore/close()`` was called.
    case closed

    public var description: String {
        switch self {
        case .badURL(let reason):
            return "bad PostgreSQL store URL: \(reason) (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE "
                + "or postgres:///DATABASE?host=/var/run/postgresql)"
        case .unreachable(let endpoint, let underlying):
            return "cannot reach PostgreSQL at \(endpoint) (\(Self.describe(underlying))): is PostgreSQL running? "
                + "Start it with `pg_ctlcluster <version> main start` (Debian; `pg_lsclusters` lists them), "
                + "or run a throwaway one for tests with `scripts/postgres-test-server start`; "
                + "and check the host and port in the store URL"
        case .refused(let endpoint, let sqlState, let message):
            var hint = ""
            switch sqlState {
            case "28P01", "28000":
                hint = ": check the user and password in the store URL (and pg_hba.conf)"
            case "3D000":
                hint = ": create the database first, e.g. `createdb -O USER DATABASE`"
            case "53300":
                hint = ": the server has no free connection slots (max_connections)"
            default:
                break
            }
            return "PostgreSQL at \(endpoint) refused the connection: \(message)"
                + (sqlState.map { " [SQLSTATE \($0)]" } ?? "") + hint
        case .statementFailed(let operation, let sqlState, let message):
            return "PostgreSQL store: \(operation) failed: \(message)" + (sqlState.map { " [SQLSTATE \($0)]" } ?? "")
        case .connectionLost(let operation, let underlying):
            return "PostgreSQL store: connection lost during \(operation) (\(Self.describe(underlying))); "
                + "the next call reconnects"
        case .schemaTooNew(let found, let supported):
            return "PostgreSQL store: schema version \(found) is newer than this build supports (\(supported)); "
                + "use the xk that migrated it"
        case .closed:
            return "PostgreSQL store: already closed"
        }
    }

    /// PostgresNIO's errors print a generic text on purpose (no query data in logs); this digs out the
    /// server's message or the socket error, which carry no secrets.
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                return message
            }
            if let underlying = psql.underlying {
                return describe(underlying)
            }
            return "\(psql.code)"
        }
        return String(describing: error)
    }

    /// The server's SQLSTATE and message of a failed statement, or `nil` for a client-side or connection error.
    static func serverError(_ error: any Error) -> (sqlState: String?, message: String)? {
        guard let psql = error as? PSQLError, psql.code == .server, let info = psql.serverInfo else {
            return nil
        }
        var message = info[.message] ?? "server error"
        if let detail = info[.detail] {
            message += " (\(detail))"
        }
        return (info[.sqlState], message)
    }
}
