@testable import Coordinator
import XungKichWire
import Foundation
import Logging
import PostgresNIO
import Testing

/// What every ``FactStore`` must do alike (SQLite in memory, SQLite on a file, PostgreSQL): keep exactly what
/// it is given and give it back, in `(district, requestID)` byte order.
@Suite("FactStore contract")
struct FactStoreContractTests {
    // MARK: Fixtures

    /// A fact with every field set, odd values included.
    static func full(_ district: String, _ id: String, ward: String = "Bạch Mai") -> RequestFact {
        var f = RequestFact(district: district, requestID: id, ward: ward)
        f.procedure = "1.001776.000.00.00.H26"
        f.field = "Hộ tịch"
        f.channel = "hotline"
        f.helpType = "hướng dẫn"
        f.ageBand = "60+"
        f.residentialGroup = "TDP 5 — Phố Bạch Mai"
        f.citizen = "k:9f2c…Ω"
        f.priority = true
        f.receivedAt = 1_741_568_400.123_456_7
        f.firstAssignedAt = 1_741_568_400.1 + 0.2  // not representable in decimal: must come back bit for bit
        f.firstContactAt = Double.leastNonzeroMagnitude  // the smallest subnormal
        f.resolvedAt = 1.797_693_134_862_315_7e308
        f.waitingSince = -0.5
        f.waitedSeconds = 3.141_592_653_589_793
        f.state = "RESOLVED"
        f.outcome = "resolved"
        f.failureReason = "không liên lạc được"
        f.mode = "toan-trinh"
        f.legacyLevel = 4
        f.dossierCount = 2_147_483_647
        f.team = "T-07"
        f.assignments = 3
        f.declinedBy = ["T-01", "T-02", "T-01"]
        return f
    }

    /// A fact with nothing but its key, ward and the non-optional defaults.
    static func bare(_ district: String, _ id: String, ward: String = "Vĩnh Tuy") -> RequestFact {
        RequestFact(district: district, requestID: id, ward: ward)
    }

    static func all(_ store: any FactStore, pageSize: Int = 1000) async throws -> [RequestFact] {
        var result: [RequestFact] = []
        var cursor: (district: String, requestID: String)?
        while true {
            let page = try await store.facts(after: cursor, limit: pageSize)
            guard let last = page.last else {
                return result
            }
            #expect(page.count <= pageSize)
            result += page
            cursor = (last.district, last.requestID)
        }
    }

    /// `(district, requestID)` in byte order (SQLite's BINARY collation, PostgreSQL's "C").
    static func byteOrder(_ a: RequestFact, _ b: RequestFact) -> Bool {
        if a.district != b.district {
            return Array(a.district.utf8).lexicographicallyPrecedes(Array(b.district.utf8))
        }
        return Array(a.requestID.utf8).lexicographicallyPrecedes(Array(b.requestID.utf8))
    }

    // MARK: Contract

    @Test("an empty store has no facts, sequences or baseline", arguments: TestStore.available)
    func empty(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            #expect(try await opened.store.facts(after: nil, limit: 10).isEmpty)
            #expect(try await opened.store.facts(after: ("A", "x"), limit: 10).isEmpty)
            #expect(try await opened.store.lastSequences().isEmpty)
            #expect(try await opened.store.baseline().isEmpty)
            try await opened.store.commit([], sequences: [:])
            try await opened.store.saveBaseline([])
            #expect(try await opened.store.facts(after: nil, limit: 10).isEmpty)
        }
    }

    @Test("commit then page returns exactly what was committed, every field", arguments: TestStore.available)
    func roundTrip(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            var halfSet = Self.bare("HBT", "HBT-3", ward: "Minh Khai")
            halfSet.priority = false
            halfSet.receivedAt = 0
            halfSet.waitedSeconds = 86_400.25
            halfSet.declinedBy = ["T-09"]
            halfSet.legacyLevel = 0
            halfSet.state = ""
            let facts = [Self.full("HBT", "HBT-1"), Self.bare("HBT", "HBT-2"), halfSet,
                         Self.full("ĐĐ", "ĐĐ-1", ward: "Văn Miếu - Quốc Tử Giám")]
            try await opened.store.commit(facts, sequences: ["HBT": 42, "ĐĐ": 7])
            let stored = try await Self.all(opened.store)
            #expect(stored == facts.sorted(by: Self.byteOrder))
            #expect(try await opened.store.lastSequences() == ["HBT": 42, "ĐĐ": 7])
            // Bit for bit, not just ==.
            let full = try #require(stored.first { $0.requestID == "HBT-1" })
            #expect(full.firstAssignedAt?.bitPattern == (1_741_568_400.1 + 0.2).bitPattern)
            #expect(full.firstContactAt?.bitPattern == Double.leastNonzeroMagnitude.bitPattern)
        }
    }

    @Test("replacing a fact replaces every column, both ways", arguments: TestStore.available)
    func replaceEveryColumn(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let store = opened.store
            try await store.commit([Self.full("HBT", "r1"), Self.bare("HBT", "r2")], sequences: ["HBT": 1])
            var other = Self.full("HBT", "r2", ward: "Quỳnh Mai")
            other.declinedBy = []
            other.priority = false
            other.waitedSeconds = 0.1
            try await store.commit([Self.bare("HBT", "r1", ward: "Bạch Đằng"), other], sequences: ["HBT": 2])
            #expect(try await Self.all(store) == [Self.bare("HBT", "r1", ward: "Bạch Đằng"), other])
            #expect(try await store.lastSequences() == ["HBT": 2])
        }
    }

    @Test("the same key twice in one commit: the last one wins", arguments: TestStore.available)
    func duplicateInOneCommit(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            var first = Self.bare("ML", "ML-1")
            first.state = "TRIAGED"
            var second = first
            second.state = "ASSIGNED"
            second.assignments = 1
            try await opened.store.commit([first, Self.bare("ML", "ML-2"), second], sequences: ["ML": 3])
            #expect(try await Self.all(opened.store) == [second, Self.bare("ML", "ML-2")])
            // Keys are bytes: "é" precomposed and "e" + combining acute are two facts (Swift's == says equal).
            try await opened.store.commit([Self.bare("ML", "\u{E9}"), Self.bare("ML", "e\u{301}")], sequences: [:])
            let ids = try await Self.all(opened.store).map { Array($0.requestID.utf8) }
            #expect(ids == [Array("ML-1".utf8), Array("ML-2".utf8), [0x65, 0xCC, 0x81], [0xC3, 0xA9]])
        }
    }

    @Test("paging with small limits returns every row once, in byte order, across districts",
          arguments: TestStore.available)
    func paging(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            // Ids whose byte order differs from a locale's: upper before lower case, digits as text, "Đ" (C4 90)
            // after every ASCII letter, "ạ" after "a" and "z".
            let ids = ["r1", "r10", "r2", "R3", "Z", "a", "z", "Đ1", "ạ", "a b", "a-b", "ab", "A", "é", "e\u{301}",
                       "000", "00", "1", "~", "Ω", "r1 "]
            let districts = ["ML", "HBT", "Ba Đình", "Bạch Mai"]
            var facts: [RequestFact] = []
            for district in districts {
                for id in ids {
                    facts.append(Self.bare(district, id))
                }
            }
            facts.shuffle()
            // Two commits, so rows are not stored in key order.
            try await opened.store.commit(Array(facts[..<30]), sequences: [:])
            try await opened.store.commit(Array(facts[30...]), sequences: [:])
            let expected = facts.sorted(by: Self.byteOrder)
            for pageSize in [1, 2, 3, 7, 1000] {
                let stored = try await Self.all(opened.store, pageSize: pageSize)
                // As bytes: Swift's == takes "é" and "e\u{301}" for equal.
                #expect(stored.map { Array("\($0.district)/\($0.requestID)".utf8) }
                        == expected.map { Array("\($0.district)/\($0.requestID)".utf8) }, "page size \(pageSize)")
            }
            // A cursor that is not a stored key starts after it.
            let after = try await opened.store.facts(after: ("HBT", "r10"), limit: 2)
            #expect(after.map(\.requestID) == ["r2", "z"])
            let next = try await opened.store.facts(after: ("HBT", "r11"), limit: 1)
            #expect(next.map(\.requestID) == ["r2"])
        }
    }

    @Test("sequences are upserted by district, with or without facts", arguments: TestStore.available)
    func sequences(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let store = opened.store
            try await store.commit([], sequences: ["HBT": 5, "ML": 7])
            try await store.commit([Self.bare("HBT", "x")], sequences: ["HBT": 9])
            #expect(try await store.lastSequences() == ["HBT": 9, "ML": 7])
            try await store.commit([Self.bare("HBT", "y")], sequences: [:])
            #expect(try await store.lastSequences() == ["HBT": 9, "ML": 7])
            try await store.commit([], sequences: ["ML": Int64.max, "Đống Đa": 0])
            #expect(try await store.lastSequences() == ["HBT": 9, "ML": Int64.max, "Đống Đa": 0])
        }
    }

    @Test("a commit that fails midway stores nothing, and the store goes on working",
          arguments: TestStore.durable)
    func failedCommit(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let store = opened.store
            let before = [Self.full("HBT", "a"), Self.bare("HBT", "b")]
            try await store.commit(before, sequences: ["HBT": 10])
            try await opened.poison(requestID: "poison")
            var batch = (0..<500).map { Self.bare("HBT", "n\($0)") }
            batch[250] = Self.bare("HBT", "poison")
            batch.append(Self.bare("HBT", "a", ward: "changed"))
            await #expect(throws: (any Error).self) {
                try await store.commit(batch, sequences: ["HBT": 20, "ML": 1])
            }
            #expect(try await Self.all(store) == before)
            #expect(try await store.lastSequences() == ["HBT": 10])
            try await store.commit([Self.bare("HBT", "c")], sequences: ["HBT": 11])
            #expect(try await Self.all(store).map(\.requestID) == ["a", "b", "c"])
            #expect(try await store.lastSequences() == ["HBT": 11])
        }
    }

    @Test("baseline rows are upserted by (district, ward, month)", arguments: TestStore.available)
    func baseline(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let store = opened.store
            func row(_ ward: String, _ month: String, _ n: Int) -> BaselineRow {
                BaselineRow(district: "HBT", ward: ward, month: month, dossiersResolved: n, onlineDossiers: n / 2,
                            fullProcessDossiers: n / 4, onTimeDossiers: n - 1)
            }
            try await store.saveBaseline([row("00286", "2025-03", 100), row("00286", "2025-02", 90),
                                          row("00283", "2025-03", 50)])
            try await store.saveBaseline([row("00286", "2025-03", 120), row("00292", "2025-01", 10),
                                          row("00292", "2025-01", 11)])
            #expect(try await store.baseline() == [row("00283", "2025-03", 50), row("00286", "2025-02", 90),
                                                   row("00286", "2025-03", 120), row("00292", "2025-01", 11)])
        }
    }

    @Test("a store opened again sees the same data", arguments: TestStore.durable)
    func reopen(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let facts = [Self.full("HBT", "1"), Self.bare("ML", "2")]
            let rows = [BaselineRow(district: "HBT", ward: "00286", month: "2025-03", dossiersResolved: 5,
                                    onlineDossiers: 4, fullProcessDossiers: 3, onTimeDossiers: 2)]
            try await opened.store.commit(facts, sequences: ["HBT": 3, "ML": 4])
            try await opened.store.saveBaseline(rows)
            if let postgres = opened.store as? PostgresFactStore {
                await postgres.close()
            }
            let again = try await opened.reopen()
            #expect(try await Self.all(again) == facts)
            #expect(try await again.lastSequences() == ["HBT": 3, "ML": 4])
            #expect(try await again.baseline() == rows)
            // And a third time, after the schema already exists (idempotent creation).
            let third = try await opened.reopen()
            #expect(try await third.lastSequences() == ["HBT": 3, "ML": 4])
            if let postgres = again as? PostgresFactStore { await postgres.close() }
            if let postgres = third as? PostgresFactStore { await postgres.close() }
        }
    }

    @Test("concurrent calls on one store are each whole", arguments: TestStore.available)
    func concurrentCalls(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let store = opened.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in 0..<16 {
                    group.addTask {
                        let facts = (0..<50).map { Self.bare("D\(batch % 4)", "b\(batch)-\($0)") }
                        try await store.commit(facts, sequences: ["D\(batch % 4)": Int64(batch)])
                    }
                    group.addTask {
                        let page = try await store.facts(after: nil, limit: 10_000)
                        // Whole commits only: a multiple of 50 facts.
                        #expect(page.count % 50 == 0)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.all(store).count == 16 * 50)
            #expect(try await store.lastSequences().count == 4)
        }
    }

    @Test("10k-fact commits: throughput", arguments: TestStore.available)
    func throughput(_ backend: TestStore) async throws {
        try await backend.withStore { opened in
            let batches = 3, size = 10_000
            var seconds: [Double] = []
            for batch in 0..<batches {
                let facts = (0..<size).map { i -> RequestFact in
                    var f = i % 2 == 0 ? Self.full("D\(i % 7)", "b\(batch)-\(i)") : Self.bare("D\(i % 7)", "b\(batch)-\(i)")
                    f.assignments = i % 5
                    return f
                }
                let start = ContinuousClock.now
                try await opened.store.commit(facts, sequences: ["D0": Int64(batch)])
                let elapsed = ContinuousClock.now - start
                seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            // Replacing existing rows (the common case while requests progress).
            let replace = (0..<size).map { Self.full("D\($0 % 7)", "b0-\($0)") }
            let start = ContinuousClock.now
            try await opened.store.commit(replace, sequences: ["D0": 99])
            let elapsed = ContinuousClock.now - start
            let replaceSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rates = seconds.map { "\(Int(Double(size) / $0))" }.joined(separator: ", ")
            print("THROUGHPUT \(backend.testDescription): \(size)-fact inserts: \(rates) facts/s; "
                  + "\(size)-fact replace: \(Int(Double(size) / replaceSeconds)) facts/s")
            #expect(try await Self.all(opened.store, pageSize: 5_000).count == batches * size)
        }
    }
}

/// What only PostgreSQL does: URLs, connection errors, its types' limits, reconnecting. The URL and error
/// tests need no server; the rest is skipped without `XK_TEST_POSTGRES_URL` (scripts/test sets it).
@Suite("PostgreSQL fact store")
struct PostgresFactStoreTests {
    @Test("URL forms: TCP, unix socket, percent-escapes, parameters")
    func urls() throws {
        let env = ["USER": "root"]
        let tcp = try PostgresStoreURL("postgres://xk:p%40ss%3Aw@db.example:6543/xk_city", environment: env)
        #expect(tcp.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(tcp.user == "xk")
        #expect(tcp.password == "p@ss:w")
        #expect(tcp.database == "xk_city")
        #expect(!tcp.redacted.contains("p@ss"))
        #expect(tcp.redacted == "postgres://xk:***@db.example:6543/xk_city")

        let defaults = try PostgresStoreURL("postgresql://localhost", environment: env)
        #expect(defaults.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(defaults.user == "root")
        #expect(defaults.password == nil)
        #expect(defaults.database == nil)

        let v6 = try PostgresStoreURL("postgres://u@[::1]:5433/db", environment: env)
        #expect(v6.endpoint == .tcp(host: "::1", port: 5433))
        #expect(v6.endpointDescription == "[::1]:5433")

        let socket = try PostgresStoreURL("postgres:///xk?host=/var/run/postgresql", environment: ["PGUSER": "xk"])
        #expect(socket.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.user == "xk")
        #expect(socket.database == "xk")

        let encodedSocket = try PostgresStoreURL("postgres://%2Ftmp%2Fpg:5999/xk", environment: env)
        #expect(encodedSocket.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.5999"))

        let params = try PostgresStoreURL(
            "postgres://h/db?port=7000&user=a&password=b&schema=t_1&sslmode=require&application_name=x", environment: env)
        #expect(params.endpoint == .tcp(host: "h", port: 7000))
        #expect(params.user == "a" && params.password == "b" && params.schema == "t_1" && params.requireTLS)
        #expect(params.applicationName == "x")
    }

    @Test("bad URLs say what is wrong", arguments: [
        ("mysql://h/db", "scheme"),
        ("localhost:5432/db", "no scheme"),
        ("postgres://h:99999/db", "port"),
        ("postgres://h:abc/db", "port"),
        ("postgres:///db", "no host"),
        ("postgres://h/db?sslmode=prefer", "sslmode"),
        ("postgres://h/db?shema=x", "unknown query parameter 'shema'"),
        ("postgres://h/db/extra", "database name"),
        ("postgres://u:p%zz@h/db", "%-escape"),
        ("postgres://[::1/db", "IPv6"),
        ("postgres://h/db#x", "fragment"),
        ("postgres:///db?host=/run/pg&sslmode=require", "unix socket"),
    ])
    func badURLs(_ url: String, _ reason: String) {
        do {
            _ = try PostgresStoreURL(url, environment: [:])
            Issue.record("\(url) was accepted")
        } catch let error as PostgresStoreError {
            guard case .badURL(let found) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(found.contains(reason), "\(found)")
            #expect(error.description.contains("postgres://USER:PASSWORD@HOST"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("no server at the address: .unreachable, saying to start PostgreSQL")
    func unreachable() async throws {
        // A port that was free a moment ago: nothing listens there.
        let port = try freeLocalPort()
        do {
            let store = try await PostgresFactStore.connect(url: "postgres://xk:pw@127.0.0.1:\(port)/xk",
                                                            logger: TestStore.logger)
            await store.close()
            Issue.record("connected to a closed port")
        } catch let error as PostgresStoreError {
            guard case .unreachable(let endpoint, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(endpoint == "127.0.0.1:\(port)")
            #expect(error.description.contains("is PostgreSQL running?"), "\(error)")
            #expect(!error.description.contains("pw"))
        }
    }

    static var postgresURL: String { TestStore.postgresURL ?? "" }

    @Test("wrong password or database: .refused with SQLSTATE and a hint",
          .enabled(if: TestStore.postgresURL != nil))
    func refused() async throws {
        var wrongPassword = try PostgresStoreURL(Self.postgresURL)
        wrongPassword.password = "not-the-password"
        await #expect {
            _ = try await PostgresFactStore.connect(url: wrongPassword, logger: TestStore.logger)
        } throws: { error in
            guard case .refused(_, let state, _) = error as? PostgresStoreError else { return false }
            return state == "28P01" && "\(error)".contains("check the user and password")
        }
        var noDatabase = try PostgresStoreURL(Self.postgresURL)
        noDatabase.database = "xk_no_such_database"
        await #expect {
            _ = try await PostgresFactStore.connect(url: noDatabase, logger: TestStore.logger)
        } throws: { error in
            guard case .refused(_, let state, _) = error as? PostgresStoreError else { return false }
            return state == "3D000" && "\(error)".contains("createdb")
        }
    }

    @Test("the unix socket form of the URL connects", .enabled(if: TestStore.postgresURL != nil))
    func unixSocket() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let dir = env["XK_TEST_POSTGRES_SOCKET_DIR"], let port = env["XK_TEST_POSTGRES_PORT"] else {
            print("unix socket test skipped: XK_TEST_POSTGRES_SOCKET_DIR/PORT not set (scripts/test sets them)")
            return
        }
        let tcp = try PostgresStoreURL(Self.postgresURL)
        let schema = "t_socket_\(UInt32.random(in: 0...UInt32.max))"
        let url = "postgres:///\(tcp.database ?? "postgres")?host=\(dir)&port=\(port)&user=\(tcp.user)&schema=\(schema)"
        let store = try await PostgresFactStore.connect(url: url, logger: TestStore.logger)
        try await store.commit([FactStoreContractTests.bare("HBT", "s1")], sequences: ["HBT": 1])
        #expect(try await store.lastSequences() == ["HBT": 1])
        await store.close()
        await #expect(throws: PostgresStoreError.self) { try await store.lastSequences() }
    }

    @Test("a number out of INTEGER's range fails the whole commit (SQLSTATE 22003)",
          .enabled(if: TestStore.postgresURL != nil))
    func integerOverflow() async throws {
        try await TestStore.postgres.withStore { opened in
            try await opened.store.commit([FactStoreContractTests.bare("HBT", "ok")], sequences: ["HBT": 1])
            var tooBig = FactStoreContractTests.bare("HBT", "big")
            tooBig.assignments = Int(Int32.max) + 1
            await #expect {
                try await opened.store.commit([FactStoreContractTests.bare("HBT", "a"), tooBig], sequences: ["HBT": 2])
            } throws: { error in
                guard case .statementFailed(_, let state, _) = error as? PostgresStoreError else { return false }
                return state == "22003"
            }
            #expect(try await FactStoreContractTests.all(opened.store).map(\.requestID) == ["ok"])
            #expect(try await opened.store.lastSequences() == ["HBT": 1])
        }
    }

    @Test("schema_version: version 1 recorded once; a newer schema is refused",
          .enabled(if: TestStore.postgresURL != nil))
    func schemaVersion() async throws {
        try await TestStore.postgres.withStore { opened in
            let again = try await opened.reopen()
            if let again = again as? PostgresFactStore { await again.close() }
            let versions = try await opened.withAdminConnection { connection in
                var versions: [Int] = []
                for try await v in try await connection.query("SELECT version FROM schema_version ORDER BY 1",
                                                               logger: TestStore.logger).decode(Int.self) {
                    versions.append(v)
                }
                try await connection.query("INSERT INTO schema_version (version) VALUES (99)", logger: TestStore.logger)
                return versions
            }
            #expect(versions == [PostgresFactSchema.version])
            await #expect {
                _ = try await opened.reopen()
            } throws: { error in
                guard case .schemaTooNew(99, PostgresFactSchema.version) = error as? PostgresStoreError else {
                    return false
                }
                return true
            }
        }
    }

    @Test("after the server drops the connection, the store connects again",
          .enabled(if: TestStore.postgresURL != nil))
    func reconnects() async throws {
        try await TestStore.postgres.withStore { opened in
            guard case .postgres(let url, _) = opened.location else { return }
            // A name of its own, so that only this store's connection is terminated, not a parallel test's.
            let name = "xk-test-reconnect-\(UInt32.random(in: 0...UInt32.max))"
            let store = try await PostgresFactStore.connect(url: url + "&application_name=\(name)",
                                                            logger: TestStore.logger)
            defer { Task { await store.close() } }
            try await store.commit([FactStoreContractTests.bare("HBT", "1")], sequences: ["HBT": 1])
            let killed = try await opened.withAdminConnection { connection in
                var count = 0
                for try await ok in try await connection.query("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE pid <> pg_backend_pid() AND datname = current_database()
                      AND application_name = \(name)
                    """, logger: TestStore.logger).decode(Bool.self) where ok {
                    count += 1
                }
                return count
            }
            #expect(killed == 1)
            // The first call may see the broken connection: as connectionLost, or as the server's own notice
            // (SQLSTATE 57P01) when it arrives before the socket closes. Either way the next call works.
            var sequences: [String: Int64]?
            for attempt in 0..<2 where sequences == nil {
                do {
                    sequences = try await store.lastSequences()
                } catch let error as PostgresStoreError where attempt == 0 {
                    _ = error
                }
            }
            #expect(sequences == ["HBT": 1])
            try await store.commit([FactStoreContractTests.bare("HBT", "2")], sequences: ["HBT": 2])
            #expect(try await FactStoreContractTests.all(store).count == 2)
        }
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then closed).
func freeLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}

extension PostgresFactStoreTests {
    @Test("connections killed while commits run: every call returns or throws, none hangs",
          .enabled(if: TestStore.postgresURL != nil), .timeLimit(.minutes(1)))
    // Regression test: with postgres-nio's `query` a statement sent just as the session was terminated was
    // dropped with its promise and the commit waited forever; the store now sends through `settledQuery`.
    func killedDuringCommits() async throws {
        try await TestStore.postgres.withStore { opened in
            guard case .postgres(let url, _) = opened.location else { return }
            let name = "xk-test-kill-\(UInt32.random(in: 0...UInt32.max))"
            let store = try await PostgresFactStore.connect(url: url + "&application_name=\(name)",
                                                            logger: TestStore.logger)
            let outcomes = try await withThrowingTaskGroup(of: (ok: Int, failed: Int).self) { group in
                group.addTask {
                    var ok = 0, failed = 0
                    for batch in 0..<40 {
                        let facts = (0..<500).map { FactStoreContractTests.bare("HBT", "k\(batch)-\($0)") }
                        do {
                            try await store.commit(facts, sequences: ["HBT": Int64(batch)])
                            ok += 1
                        } catch {
                            failed += 1
                        }
                    }
                    return (ok, failed)
                }
                group.addTask {
                    for _ in 0..<8 {
                        try await Task.sleep(for: .milliseconds(40))
                        _ = try await opened.withAdminConnection { connection in
                            try await connection.query("""
                                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                WHERE pid <> pg_backend_pid() AND application_name = \(name)
                                """, logger: TestStore.logger)
                        }
                    }
                    return (0, 0)
                }
                var total = (ok: 0, failed: 0)
                for try await outcome in group {
                    total.ok += outcome.ok
                    total.failed += outcome.failed
                }
                return total
            }
            #expect(outcomes.ok + outcomes.failed == 40)
            // Whole commits only, and the stored sequence is the last commit that succeeded.
            let stored = try await FactStoreContractTests.all(store)
            #expect(stored.count % 500 == 0)
            #expect(stored.count / 500 == outcomes.ok)
            print("KILLED-DURING-COMMITS: \(outcomes.ok) commits stored, \(outcomes.failed) failed")
            await store.close()
        }
    }
}
