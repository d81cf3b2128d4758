import Foundation
import Logging

/// Where the coordinator keeps its facts, as `--store` names it: `sqlite:PATH` (embedded, one machine) or a
/// PostgreSQL URL (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, a whole city).
public enum FactStoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file; its folder is created when missing.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresStoreURL)

    /// Reads a `--store` value.
    ///
    /// - Throws: ``CoordinatorError/badStoreLocation(_:)`` for anything else, or ``PostgresStoreError/badURL(reason:)``
    ///   for a PostgreSQL URL that is not well formed.
    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresStoreURL(text))
        } else {
            throw CoordinatorError.badStoreLocation(text)
        }
    }

    /// The location without any password, safe to log.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.redacted
        }
    }

    /// The store, open, and how to close it when the coordinator stops.
    struct Opened: Sendable {
        var store: any FactStore
        var close: @Sendable () async -> Void
    }

    /// Opens (creating or migrating if needed) the store.
    ///
    /// - Throws: ``CoordinatorError/storeUnavailable(location:reason:)`` for SQLite; PostgreSQL's own
    ///   ``PostgresStoreError``, which says what to check (server running, password, database).
    func open(logger: Logger) async throws -> Opened {
        switch self {
        case .sqlite(let path):
            do {
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                return Opened(store: try SQLiteFactStore(path: path), close: {})
            } catch {
                throw CoordinatorError.storeUnavailable(location: path, reason: "\(error)")
            }
        case .postgres(let url):
            let store = try await PostgresFactStore.connect(url: url, logger: logger)
            return Opened(store: store, close: { await store.close() })
        }
    }
}
