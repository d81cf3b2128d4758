import XungKichWire
import Foundation
import Logging
import PostgresNIO

/// The ``FactStore`` calls: each runs through ``PostgresFactStore/exclusive(_:_:)`` (one at a time, on a live
/// connection), the writes in one transaction.
extension PostgresFactStore {
    public func lastSequences() async throws -> [String: Int64] {
        try await exclusive("read sequences") { connection in
            var result: [String: Int64] = [:]
            for row in try await connection.settledQuery("SELECT district, last_seq FROM follower", logger: logger) {
                let (district, seq) = try row.decode((String, Int64).self)
                result[district] = seq
            }
            return result
        }
    }

    static let factColumns = """
        district, request_id, ward, procedure, field, channel, help_type, age_band, residential_group, citizen,
        priority, received_at, first_assigned_at, first_contact_at, resolved_at, waiting_since, waited_seconds,
        state, outcome, failure_reason, mode, legacy_level, dossier_count, team, assignments, declined_by
        """

    public func facts(after cursor: (district: String, requestID: String)?, limit: Int) async throws -> [RequestFact] {
        let limit = max(0, limit)
        return try await exclusive("read facts") { connection in
            let query: PostgresQuery
            if let cursor {
                query = """
                    SELECT \(unescaped: Self.factColumns) FROM request_fact
                    WHERE (district, request_id) > (\(cursor.district), \(cursor.requestID))
                    ORDER BY district, request_id LIMIT \(limit)
                    """
            } else {
                query = """
                    SELECT \(unescaped: Self.factColumns) FROM request_fact
                    ORDER BY district, request_id LIMIT \(limit)
                    """
            }
            var facts: [RequestFact] = []
            facts.reserveCapacity(min(limit, 100_000))
            for row in try await connection.settledQuery(query, logger: logger) {
                facts.append(try Self.fact(from: row.makeRandomAccess()))
            }
            return facts
        }
    }

    private static func fact(from row: PostgresRandomAccessRow) throws -> RequestFact {
        var fact = RequestFact(district: try row[0].decode(String.self), requestID: try row[1].decode(String.self),
                               ward: try row[2].decode(String.self))
        fact.procedure = try row[3].decode(String?.self)
        fact.field = try row[4].decode(String?.self)
        fact.channel = try row[5].decode(String?.self)
        fact.helpType = try row[6].decode(String?.self)
        fact.ageBand = try row[7].decode(String?.self)
        fact.residentialGroup = try row[8].decode(String?.self)
        fact.citizen = try row[9].decode(String?.self)
        fact.priority = try row[10].decode(Bool?.self)
        fact.receivedAt = try row[11].decode(Double?.self)
        fact.firstAssignedAt = try row[12].decode(Double?.self)
        fact.firstContactAt = try row[13].decode(Double?.self)
        fact.resolvedAt = try row[14].decode(Double?.self)
        fact.waitingSince = try row[15].decode(Double?.self)
        fact.waitedSeconds = try row[16].decode(Double.self)
        fact.state = try row[17].decode(String?.self)
        fact.outcome = try row[18].decode(String?.self)
        fact.failureReason = try row[19].decode(String?.self)
        fact.mode = try row[20].decode(String?.self)
        fact.legacyLevel = try row[21].decode(Int32?.self).map(Int.init)
        fact.dossierCount = try row[22].decode(Int32?.self).map(Int.init)
        fact.team = try row[23].decode(String?.self)
        fact.assignments = Int(try row[24].decode(Int32.self))
        let declined = try row[25].decode(String.self)
        fact.declinedBy = declined.isEmpty ? [] : declined.split(separator: ",").map(String.init)
        return fact
    }

    public func commit(_ facts: [RequestFact], sequences: [String: Int64]) async throws {
        let facts = Self.lastOfEachKey(facts, key: { [ByteKey($0.district), ByteKey($0.requestID)] })
        try await exclusive("commit \(facts.count) facts") { connection in
            try await transaction(connection) { connection in
                var start = 0
                while start < facts.count {
                    let end = min(start + Self.rowsPerStatement, facts.count)
                    _ = try await connection.settledQuery(Self.upsertFacts(facts[start..<end]), logger: logger)
                    start = end
                }
                if !sequences.isEmpty {
                    let districts = Array(sequences.keys)
                    let seqs = districts.map { sequences[$0] }
                    _ = try await connection.settledQuery("""
                        INSERT INTO follower (district, last_seq)
                        SELECT * FROM UNNEST(\(PostgresColumnArray<String>(districts))::text[],
                                             \(PostgresColumnArray<Int64>(seqs))::bigint[])
                        ON CONFLICT (district) DO UPDATE SET last_seq = EXCLUDED.last_seq
                        """, logger: logger)
                }
            }
        }
    }

    /// A string compared by its UTF-8 bytes, as the databases compare keys. Swift's `==` would take "é" and
    /// "e\u{301}" for one key, and drop one of two facts both stores keep apart.
    private struct ByteKey: Hashable {
        var text: String
        init(_ text: String) { self.text = text }
        static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
        func hash(into hasher: inout Hasher) {
            hasher.combine(text.utf8.count)
            for byte in text.utf8 {
                hasher.combine(byte)
            }
        }
    }

    /// One row per key, the last one given, as SQLite's INSERT OR REPLACE one after the other would leave;
    /// PostgreSQL refuses to update one row twice in one `INSERT ... ON CONFLICT`.
    private static func lastOfEachKey<Row, Key: Hashable>(_ rows: [Row], key: (Row) -> Key) -> [Row] {
        var lastIndex: [Key: Int] = [:]
        lastIndex.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            lastIndex[key(row)] = index
        }
        if lastIndex.count == rows.count {
            return rows
        }
        return rows.indices.filter { lastIndex[key(rows[$0])] == $0 }.map { rows[$0] }
    }

    /// One `INSERT ... SELECT * FROM UNNEST(...) ON CONFLICT DO UPDATE` for `facts`, one array per column.
    private static func upsertFacts(_ facts: ArraySlice<RequestFact>) -> PostgresQuery {
        let n = facts.count
        var district = PostgresColumnArray<String>(capacity: n), requestID = PostgresColumnArray<String>(capacity: n)
        var ward = PostgresColumnArray<String>(capacity: n), procedure = PostgresColumnArray<String>(capacity: n)
        var field = PostgresColumnArray<String>(capacity: n), channel = PostgresColumnArray<String>(capacity: n)
        var helpType = PostgresColumnArray<String>(capacity: n), ageBand = PostgresColumnArray<String>(capacity: n)
        var residentialGroup = PostgresColumnArray<String>(capacity: n)
        var citizen = PostgresColumnArray<String>(capacity: n), priority = PostgresColumnArray<Bool>(capacity: n)
        var receivedAt = PostgresColumnArray<Double>(capacity: n)
        var firstAssignedAt = PostgresColumnArray<Double>(capacity: n)
        var firstContactAt = PostgresColumnArray<Double>(capacity: n)
        var resolvedAt = PostgresColumnArray<Double>(capacity: n)
        var waitingSince = PostgresColumnArray<Double>(capacity: n)
        var waitedSeconds = PostgresColumnArray<Double>(capacity: n)
        var state = PostgresColumnArray<String>(capacity: n), outcome = PostgresColumnArray<String>(capacity: n)
        var failureReason = PostgresColumnArray<String>(capacity: n), mode = PostgresColumnArray<String>(capacity: n)
        var legacyLevel = PostgresColumnArray<Int64>(capacity: n)
        var dossierCount = PostgresColumnArray<Int64>(capacity: n)
        var team = PostgresColumnArray<String>(capacity: n), assignments = PostgresColumnArray<Int64>(capacity: n)
        var declinedBy = PostgresColumnArray<String>(capacity: n)
        for f in facts {
            district.append(f.district)
            requestID.append(f.requestID)
            ward.append(f.ward)
            procedure.append(f.procedure)
            field.append(f.field)
            channel.append(f.channel)
            helpType.append(f.helpType)
            ageBand.append(f.ageBand)
            residentialGroup.append(f.residentialGroup)
            citizen.append(f.citizen)
            priority.append(f.priority)
            receivedAt.append(f.receivedAt)
            firstAssignedAt.append(f.firstAssignedAt)
            firstContactAt.append(f.firstContactAt)
            resolvedAt.append(f.resolvedAt)
            waitingSince.append(f.waitingSince)
            waitedSeconds.append(f.waitedSeconds)
            state.append(f.state)
            outcome.append(f.outcome)
            failureReason.append(f.failureReason)
            mode.append(f.mode)
            // Int64 on the wire, INTEGER in the table: a value out of INTEGER's range fails the commit
            // (SQLSTATE 22003) instead of being cut.
            legacyLevel.append(f.legacyLevel.map(Int64.init))
            dossierCount.append(f.dossierCount.map(Int64.init))
            team.append(f.team)
            assignments.append(Int64(f.assignments))
            declinedBy.append(f.declinedBy.joined(separator: ","))
        }
        return """
            INSERT INTO request_fact (\(unescaped: factColumns))
            SELECT * FROM UNNEST(
                \(district)::text[], \(requestID)::text[], \(ward)::text[], \(procedure)::text[], \(field)::text[],
                \(channel)::text[], \(helpType)::text[], \(ageBand)::text[], \(residentialGroup)::text[],
                \(citizen)::text[], \(priority)::boolean[], \(receivedAt)::float8[], \(firstAssignedAt)::float8[],
                \(firstContactAt)::float8[], \(resolvedAt)::float8[], \(waitingSince)::float8[],
                \(waitedSeconds)::float8[], \(state)::text[], \(outcome)::text[], \(failureReason)::text[],
                \(mode)::text[], \(legacyLevel)::bigint[], \(dossierCount)::bigint[], \(team)::text[],
                \(assignments)::bigint[], \(declinedBy)::text[])
            ON CONFLICT (district, request_id) DO UPDATE SET
                ward = EXCLUDED.ward, procedure = EXCLUDED.procedure, field = EXCLUDED.field,
                channel = EXCLUDED.channel, help_type = EXCLUDED.help_type, age_band = EXCLUDED.age_band,
                residential_group = EXCLUDED.residential_group, citizen = EXCLUDED.citizen,
                priority = EXCLUDED.priority, received_at = EXCLUDED.received_at,
                first_assigned_at = EXCLUDED.first_assigned_at, first_contact_at = EXCLUDED.first_contact_at,
                resolved_at = EXCLUDED.resolved_at, waiting_since = EXCLUDED.waiting_since,
                waited_seconds = EXCLUDED.waited_seconds, state = EXCLUDED.state, outcome = EXCLUDED.outcome,
                failure_reason = EXCLUDED.failure_reason, mode = EXCLUDED.mode,
                legacy_level = EXCLUDED.legacy_level, dossier_count = EXCLUDED.dossier_count,
                team = EXCLUDED.team, assignments = EXCLUDED.assignments, declined_by = EXCLUDED.declined_by
            """
    }

    public func baseline() async throws -> [BaselineRow] {
        try await exclusive("read baseline") { connection in
            let rows = try await connection.settledQuery("""
                SELECT district, ward, month, dossiers_resolved, online_dossiers, full_process_dossiers,
                       on_time_dossiers FROM baseline ORDER BY district, ward, month
                """, logger: logger)
            var result: [BaselineRow] = []
            for row in rows {
                let (district, ward, month, resolved, online, fullProcess, onTime)
                    = try row.decode((String, String, String, Int32, Int32, Int32, Int32).self)
                result.append(BaselineRow(district: district, ward: ward, month: month,
                                          dossiersResolved: Int(resolved), onlineDossiers: Int(online),
                                          fullProcessDossiers: Int(fullProcess), onTimeDossiers: Int(onTime)))
            }
            return result
        }
    }

    public func saveBaseline(_ rows: [BaselineRow]) async throws {
        let rows = Self.lastOfEachKey(rows, key: { [ByteKey($0.district), ByteKey($0.ward), ByteKey($0.month)] })
        guard !rows.isEmpty else {
            return
        }
        try await exclusive("save \(rows.count) baseline rows") { connection in
            try await transaction(connection) { connection in
                _ = try await connection.settledQuery("""
                    INSERT INTO baseline (district, ward, month, dossiers_resolved, online_dossiers,
                                          full_process_dossiers, on_time_dossiers)
                    SELECT * FROM UNNEST(
                        \(PostgresColumnArray<String>(rows.map(\.district)))::text[],
                        \(PostgresColumnArray<String>(rows.map(\.ward)))::text[],
                        \(PostgresColumnArray<String>(rows.map(\.month)))::text[],
                        \(PostgresColumnArray<Int64>(rows.map { Int64($0.dossiersResolved) }))::bigint[],
                        \(PostgresColumnArray<Int64>(rows.map { Int64($0.onlineDossiers) }))::bigint[],
                        \(PostgresColumnArray<Int64>(rows.map { Int64($0.fullProcessDossiers) }))::bigint[],
                        \(PostgresColumnArray<Int64>(rows.map { Int64($0.onTimeDossiers) }))::bigint[])
                    ON CONFLICT (district, ward, month) DO UPDATE SET
                        dossiers_resolved = EXCLUDED.dossiers_resolved, online_dossiers = EXCLUDED.online_dossiers,
                        full_process_dossiers = EXCLUDED.full_process_dossiers,
                        on_time_dossiers = EXCLUDED.on_time_dossiers
                    """, logger: logger)
            }
        }
    }
}
