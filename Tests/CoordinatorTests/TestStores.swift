@testable import Coordinator
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing

/// Every ``FactStore`` the tests run over, so one test body checks them all:
///
/// ```swift
/// @Test(arguments: TestStore.available)
/// func something(_ backend: TestStore) async throws {
///     try await backend.withStore { opened in let store = opened.store; ... }
/// }
/// ```
///
/// PostgreSQL is there when `XK_TEST_POSTGRES_URL` is set (scripts/test starts a throwaway server with
/// scripts/postgres-test-server and sets it); each store gets a schema of its own (`t_<random>`) in that
/// database, so tests are isolated and can run in parallel.
enum TestStore: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqliteMemory
    case sqliteFile
    case postgres

    /// `XK_TEST_POSTGRES_URL`, or `nil` when PostgreSQL tests are off.
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["XK_TEST_POSTGRES_URL"], !url.isEmpty else {
            return nil
        }
        return url
    }

    /// The stores this run can test: PostgreSQL only with `XK_TEST_POSTGRES_URL`.
    static var available: [TestStore] { allCases.filter(\.isAvailable) }
    /// The available stores that keep their data when closed and opened again (not SQLite in memory).
    static var durable: [TestStore] { available.filter { $0 != .sqliteMemory } }

    var isAvailable: Bool { self != .postgres || Self.postgresURL != nil }

    var testDescription: String {
        switch self {
        case .sqliteMemory: "SQLite in memory"
        case .sqliteFile: "SQLite file"
        case .postgres: "PostgreSQL"
        }
    }

    /// A new, empty store of this kind. For PostgreSQL, close it (``PostgresFactStore/close()``) when done, or
    /// prefer ``withStore(_:)``, which does.
    func make() async throws -> any FactStore {
        try await open().store
    }

    /// A new, empty store with what it takes to open its data again and to tamper with it.
    func open() async throws -> OpenedStore {
        switch self {
        case .sqliteMemory:
            return OpenedStore(backend: self, store: try SQLiteFactStore(), location: .memory)
        case .sqliteFile:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("xk-facts-\(UUID().uuidString).sqlite").path
            return OpenedStore(backend: self, store: try SQLiteFactStore(path: path), location: .file(path))
        case .postgres:
            guard let base = Self.postgresURL else {
                throw TestStoreError.postgresNotConfigured
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let url = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
            let store = try await PostgresFactStore.connect(url: url, logger: Self.logger)
            return OpenedStore(backend: self, store: store, location: .postgres(url: url, schema: schema))
        }
    }

    /// Runs `body` with a new store, then closes it and deletes its data (file or schema).
    func withStore<T>(_ body: (OpenedStore) async throws -> T) async throws -> T {
        let opened = try await open()
        do {
            let result = try await body(opened)
            await opened.discard()
            return result
        } catch {
            await opened.discard()
            throw error
        }
    }

    static let logger: Logger = {
        var logger = Logger(label: "xk.test.store")
        logger.logLevel = ProcessInfo.processInfo.environment["XK_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()
}

enum TestStoreError: Error {
    case postgresNotConfigured
    case notDurable
}

/// A test store and where its data is.
struct OpenedStore: Sendable {
    enum Location: Sendable {
        case memory
        case file(String)
        case postgres(url: String, schema: String)
    }

    let backend: TestStore
    let store: any FactStore
    let location: Location

    /// A second store on the same data: the file opened again, or a new connection to the same schema.
    func reopen() async throws -> any FactStore {
        switch location {
        case .memory: throw TestStoreError.notDurable
        case .file(let path): return try SQLiteFactStore(path: path)
        case .postgres(let url, _): return try await PostgresFactStore.connect(url: url, logger: TestStore.logger)
        }
    }

    /// Makes every later commit that inserts a fact with request id `requestID` fail inside the database (a
    /// trigger), to check that a failed commit stores nothing. Not for SQLite in memory (no second way in).
    func poison(requestID: String) async throws {
        switch location {
        case .memory:
            throw TestStoreError.notDurable
        case .file(let path):
            let db = try DatabaseQueue(path: path)
            // Triggers take no bound parameters: the id as a quoted literal.
            let literal = "'" + requestID.replacingOccurrences(of: "'", with: "''") + "'"
            try await db.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER xk_poison BEFORE INSERT ON request_fact WHEN NEW.request_id = \(literal)
                    BEGIN SELECT RAISE(ABORT, 'poisoned fact'); END
                    """)
            }
            try db.close()
        case .postgres:
            let literal = "'" + requestID.replacingOccurrences(of: "'", with: "''") + "'"
            try await withAdminConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE FUNCTION xk_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.request_id = \(literal) THEN RAISE EXCEPTION 'poisoned fact'; END IF;
                        RETURN NEW;
                    END $$
                    """), logger: TestStore.logger)
                try await connection.query("""
                    CREATE TRIGGER xk_poison BEFORE INSERT ON request_fact FOR EACH ROW EXECUTE FUNCTION xk_poison()
                    """, logger: TestStore.logger)
            }
        }
    }

    /// A plain PostgresNIO connection to this store's schema, for what the store does not offer.
    func withAdminConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard case .postgres(let url, _) = location else {
            throw TestStoreError.notDurable
        }
        let configuration = try PostgresStoreURL(url).connectionConfiguration()
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1,
                                                              logger: TestStore.logger)
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Closes the store and deletes its data.
    func discard() async {
        if let postgres = store as? PostgresFactStore {
            await postgres.close()
        }
        switch location {
        case .memory:
            break
        case .file(let path):
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        case .postgres(_, let schema):
            _ = try? await withAdminConnection { connection in
                try await connection.query(
                    PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(PostgresStoreURL.quoteIdentifier(schema)) CASCADE"),
                    logger: TestStore.logger)
            }
        }
    }
}
