import Logging
import PostgresNIO

/// Thrown by ``PostgresNIO/PostgresConnection/settledQuery(_:logger:)`` when the connection was already closed
/// when the query was to be sent; the store reports it as ``PostgresStoreError/connectionLost(operation:underlying:)``.
struct PostgresConnectionClosedBeforeQuery: Error, CustomStringConvertible {
    var description: String { "the connection was closed before the query could be sent" }
}

extension PostgresConnection {
    /// Runs `query`, collects its rows, and always completes: with the rows, or with an error.
    ///
    /// Why not `query(_:logger:) async`: postgres-nio 1.33.2 sends a query with
    /// `channel.write(task, promise: nil)` from the caller's thread, which hops to the event loop. If the server
    /// ends the session (`pg_terminate_backend`) in between, the channel is closed and its handlers removed by
    /// the time the write runs: the write fails with nobody listening, the query's promise is dropped without
    /// ever being completed, and the caller waits forever. Closing the connection cannot wake it (nothing holds
    /// the promise any more), and a timeout racing it in a task group would not either (the group waits for
    /// the hung child). See `PostgresConnection.query(_:logger:file:line:)` in postgres-nio.
    ///
    /// Here the check and the write happen in one event-loop tick: `flatSubmit` runs on the loop, where
    /// `channel.write` goes through the pipeline synchronously. If the channel is active then, the query reaches
    /// postgres-nio's state machine, which fails it when the connection closes later; if not, we fail it
    /// ourselves. Rows are collected (every caller reads them all anyway), which also means no row stream is
    /// ever left undrained on the connection.
    func settledQuery(_ query: PostgresQuery, logger: Logger) async throws -> PostgresQueryResult {
        let loop = self.eventLoop
        return try await loop.flatSubmit { () -> EventLoopFuture<PostgresQueryResult> in
            guard !self.isClosed else {
                return loop.makeFailedFuture(PostgresConnectionClosedBeforeQuery())
            }
            return self.query(query, logger: logger)
        }.get()
    }
}
