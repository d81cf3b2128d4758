import PostgresNIO

/// The PostgreSQL schema: the same tables and columns as ``SQLiteFactStore``'s, in PostgreSQL's types.
///
/// - Text keys are `COLLATE "C"`: byte order, as SQLite's BINARY collation, so both stores page through facts
///   in the same `(district, request_id)` order whatever the database's locale (a locale collation would put
///   "Bạch Mai" and "Ba Đình" differently, and keyset paging needs the index's order to be the cursor's).
/// - Times and seconds are `DOUBLE PRECISION` (seconds since 1970, exactly the `Double` given); counts are
///   `INTEGER`; `priority` is `BOOLEAN`; sequence numbers are `BIGINT`.
/// - `declined_by` keeps SQLite's form, team ids joined with ",", so the two stores hold the same values.
///
/// `schema_version` has one row per applied migration; ``PostgresFactStore`` applies the missing ones at
/// connect, in one transaction under an advisory lock (two coordinators starting at once do not race), and
/// refuses a database whose version is newer than it knows. Every statement is idempotent
/// (`IF NOT EXISTS`), so a database made by hand with the same DDL is adopted as version 1.
enum PostgresFactSchema {
    /// The newest version this build knows.
    static let version = 1

    /// Key of `pg_advisory_xact_lock` while migrating ("xk-facts" in ASCII, as a number).
    static let migrationLock: Int64 = 0x786b_2d66_6163_7473

    /// Migrations by version: the statements that take the schema from version - 1 to version.
    static let migrations: [Int: [String]] = [
        1: [
            """
            CREATE TABLE IF NOT EXISTS follower (
                district TEXT COLLATE "C" PRIMARY KEY,
                last_seq BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS request_fact (
                district TEXT COLLATE "C" NOT NULL,
                request_id TEXT COLLATE "C" NOT NULL,
                ward TEXT NOT NULL,
                procedure TEXT, field TEXT, channel TEXT, help_type TEXT, age_band TEXT,
                residential_group TEXT, citizen TEXT, priority BOOLEAN,
                received_at DOUBLE PRECISION, first_assigned_at DOUBLE PRECISION,
                first_contact_at DOUBLE PRECISION, resolved_at DOUBLE PRECISION,
                waiting_since DOUBLE PRECISION, waited_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
                state TEXT, outcome TEXT, failure_reason TEXT, mode TEXT, legacy_level INTEGER,
                dossier_count INTEGER, team TEXT,
                assignments INTEGER NOT NULL DEFAULT 0,
                declined_by TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (district, request_id)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS baseline (
                district TEXT COLLATE "C" NOT NULL,
                ward TEXT COLLATE "C" NOT NULL,
                month TEXT COLLATE "C" NOT NULL,
                dossiers_resolved INTEGER NOT NULL,
                online_dossiers INTEGER NOT NULL,
                full_process_dossiers INTEGER NOT NULL,
                on_time_dossiers INTEGER NOT NULL,
                PRIMARY KEY (district, ward, month)
            )
            """,
        ],
    ]

    /// Brings the connection's schema (its search path's first schema, or `schema`) to ``version``.
    /// Every statement goes through `settledQuery` so that a session killed during migration fails `connect`
    /// instead of hanging it (see ``PostgresNIO/PostgresConnection/settledQuery(_:logger:)``).
    static func migrate(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        if let schema {
            // Outside the transaction: CREATE SCHEMA IF NOT EXISTS may still race with another connection
            // creating the same schema (a unique violation); that one created it, which is all we want.
            do {
                _ = try await connection.settledQuery(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(PostgresStoreURL.quoteIdentifier(schema))"),
                    logger: logger)
            } catch let error where PostgresStoreError.serverError(error)?.sqlState == "23505" {
                logger.debug("schema created concurrently", metadata: ["schema": "\(schema)"])
            }
        }
        _ = try await connection.settledQuery("BEGIN", logger: logger)
        do {
            _ = try await connection.settledQuery("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            _ = try await connection.settledQuery("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var current = 0
            for row in try await connection.settledQuery(
                "SELECT COALESCE(max(version), 0) FROM schema_version", logger: logger
            ) {
                current = try row.decode(Int.self)
            }
            guard current <= version else {
                throw PostgresStoreError.schemaTooNew(found: current, supported: version)
            }
            if current < version {
                for next in (current + 1)...version {
                    for statement in migrations[next] ?? [] {
                        _ = try await connection.settledQuery(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    _ = try await connection.settledQuery(
                        "INSERT INTO schema_version (version) VALUES (\(next))", logger: logger)
                    logger.info("PostgreSQL store schema migrated", metadata: ["version": "\(next)"])
                }
            }
            _ = try await connection.settledQuery("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.settledQuery("ROLLBACK", logger: logger)
            throw error
        }
    }
}
