import Foundation
import Logging
import PostgresNIO

/// The coordinator's fact store on PostgreSQL, for a whole city: the same tables, columns and semantics as
/// ``SQLiteFactStore`` (see ``PostgresFactSchema``), through PostgresNIO.
///
/// One `PostgresConnection`, not a `PostgresClient` pool: the coordinator is the store's only writer and
/// calls it one step at a time (load at start, then one commit per batch of events), so a pool would only
/// add a background `run()` task to own and cancel, while a transaction needs one session anyway. Calls are
/// served strictly one after another, in call order (an actor alone would let a second call's statements
/// slip into the first one's transaction at an `await`). A connection that breaks is dropped and the next
/// call connects again; a commit that fails on it is rolled back by the server, and the coordinator resumes
/// from the sequence numbers stored by the last commit that succeeded. Every statement goes through
/// `PostgresConnection.settledQuery`, so a call returns or throws even when the server kills the session
/// mid-commit (postgres-nio's own `query` can wait forever then; see that method).
///
/// ```swift
/// let store = try await PostgresFactStore.connect(url: "postgres://xk:secret@db.example:5432/xk", logger: logger)
/// defer { Task { await store.close() } }
/// ```
public actor PostgresFactStore: FactStore {
    /// Where this store connects (no password in it: it is safe to log).
    public nonisolated let redactedURL: String
    private let url: PostgresStoreURL
    private let configuration: PostgresConnection.Configuration
    let logger: Logger
    private var connection: PostgresConnection?
    private var isClosed = false
    /// Set when the connection cannot be trusted any more (a ROLLBACK that failed): the call drops it.
    private var connectionBroken = false
    /// Serializes the calls (see ``takeTurn()``).
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Facts per `INSERT ... UNNEST` statement within one commit: bounds a message's size for huge commits
    /// (a replay), still one transaction.
    static let rowsPerStatement = 10_000

    private init(url: PostgresStoreURL, configuration: PostgresConnection.Configuration, connection: PostgresConnection,
                 logger: Logger) {
        self.url = url
        self.redactedURL = url.redacted
        self.configuration = configuration
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the PostgreSQL database at `url` (see ``PostgresStoreURL`` for the forms accepted), creates
    /// or migrates the tables, and returns the store. Call ``close()`` when done.
    ///
    /// - Throws: ``PostgresStoreError/badURL(reason:)``, ``PostgresStoreError/unreachable(endpoint:underlying:)``
    ///   when no server answers, ``PostgresStoreError/refused(endpoint:sqlState:message:)`` for a wrong password
    ///   or a missing database, ``PostgresStoreError/schemaTooNew(found:supported:)``.
    public static func connect(url: String, logger: Logger) async throws -> PostgresFactStore {
        try await connect(url: try PostgresStoreURL(url), logger: logger)
    }

    /// Connects to the database `url` describes; as ``connect(url:logger:)-(String,_)``.
    public static func connect(url: PostgresStoreURL, logger: Logger) async throws -> PostgresFactStore {
        let configuration = try url.connectionConfiguration()
        let connection = try await open(url: url, configuration: configuration, logger: logger)
        do {
            try await PostgresFactSchema.migrate(connection, schema: url.schema, logger: logger)
        } catch {
            try? await connection.close()
            throw mapped(error, operation: "schema migration")
        }
        logger.info("PostgreSQL fact store open", metadata: ["url": "\(url.redacted)"])
        return PostgresFactStore(url: url, configuration: configuration, connection: connection, logger: logger)
    }

    /// Closes the connection after the calls already made; later calls throw ``PostgresStoreError/closed``.
    /// Safe to call twice.
    public func close() async {
        await takeTurn()
        defer { passTurn() }
        isClosed = true
        if let connection {
            self.connection = nil
            try? await connection.close()
        }
    }

    deinit {
        // A store dropped without close(): do not leak the server's connection slot.
        // The closure holds the connection until it is closed: postgres-nio asserts (in debug builds) that a
        // connection is closed before it is deinitialised.
        if let connection {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }

    private static func open(url: PostgresStoreURL, configuration: PostgresConnection.Configuration,
                             logger: Logger) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: nextConnectionID(),
                                                        logger: logger)
        } catch {
            if let server = PostgresStoreError.serverError(error) {
                throw PostgresStoreError.refused(endpoint: url.endpointDescription, sqlState: server.sqlState,
                                                 message: server.message)
            }
            throw PostgresStoreError.unreachable(endpoint: url.endpointDescription, underlying: error)
        }
    }

    private static func nextConnectionID() -> Int {
        Int.random(in: 1...Int(Int32.max))
    }

    // MARK: Serialized calls

    /// Waits until every call made before this one has finished (FIFO).
    private func takeTurn() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }  // passTurn hands the turn over, busy stays true
        } else {
            busy = true
        }
    }

    private func passTurn() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` with the connection (connecting again if it broke), after every call made before it has
    /// finished. Errors come out as ``PostgresStoreError``; a connection error drops the connection.
    func exclusive<T: Sendable>(
        _ operation: @autoclosure () -> String,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        await takeTurn()
        defer { passTurn() }
        guard !isClosed else {
            throw PostgresStoreError.closed
        }
        let live: PostgresConnection
        if let connection, !connection.isClosed {
            live = connection
        } else {
            connection = nil
            logger.info("PostgreSQL fact store reconnecting", metadata: ["url": "\(redactedURL)"])
            live = try await Self.open(url: url, configuration: configuration, logger: logger)
            connection = live
        }
        do {
            return try await body(live)
        } catch {
            let mappedError = Self.mapped(error, operation: operation())
            var drop = connectionBroken || live.isClosed
            switch mappedError as? PostgresStoreError {
            case .connectionLost:
                drop = true
            case .statementFailed(_, let state?, _) where state.hasPrefix("57") || state.hasPrefix("08"):
                drop = true  // operator intervention (the backend was terminated) or a connection exception
            default:
                break
            }
            if drop {
                // Never reuse it: the server has ended the session, or its transaction state is unknown.
                connectionBroken = false
                connection = nil
                try? await live.close()
            }
            throw mappedError
        }
    }

    /// A server error as ``PostgresStoreError/statementFailed(operation:sqlState:message:)``, anything else from
    /// PostgresNIO as ``PostgresStoreError/connectionLost(operation:underlying:)``; our own errors as they are.
    static func mapped(_ error: any Error, operation: String) -> any Error {
        if error is PostgresStoreError {
            return error
        }
        if let server = PostgresStoreError.serverError(error) {
            return PostgresStoreError.statementFailed(operation: operation, sqlState: server.sqlState,
                                                      message: server.message)
        }
        if error is PSQLError || error is PostgresConnectionClosedBeforeQuery {
            return PostgresStoreError.connectionLost(operation: operation, underlying: error)
        }
        return error
    }

    /// `body` between BEGIN and COMMIT; ROLLBACK if it throws (and if the ROLLBACK cannot be sent, the caller
    /// drops the connection, which makes the server roll back).
    func transaction(_ connection: PostgresConnection,
                             _ body: (PostgresConnection) async throws -> Void) async throws {
        _ = try await connection.settledQuery("BEGIN", logger: logger)
        do {
            try await body(connection)
            _ = try await connection.settledQuery("COMMIT", logger: logger)
        } catch {
            do {
                _ = try await connection.settledQuery("ROLLBACK", logger: logger)
            } catch let rollbackError {
                logger.warning("PostgreSQL ROLLBACK failed; dropping the connection",
                               metadata: ["error": "\(PostgresStoreError.describe(rollbackError))"])
                connectionBroken = true
            }
            throw error
        }
    }
}
