import XungKichWire
import Foundation

/// The coordinator's statistics: folds dispatcher events into request facts, keeps them in a ``FactStore``
/// and answers queries from a compact copy of every fact in memory.
///
/// Why in memory: a grouped query must stay well under 100 ms over a million cases, with exact medians and
/// distinct counts, on SQLite as on PostgreSQL. A scan of compact facts does that in one pass; the store is
/// the durable truth the copy is rebuilt from at start. The cost is memory and start-up: a coordinator holding
/// a million requests measured 311 MB resident after a 7 s load (README, benchmark).
///
/// `apply` is idempotent per district: events at or below the district's last applied sequence number are
/// skipped, and the facts and the new sequence numbers are committed together, so a replayed or duplicated
/// batch changes nothing. Batches are applied one at a time, in call order.
public actor StatsEngine {
    private let store: any FactStore
    private var table = FactTable()
    private var sequences: [String: Int64] = [:]
    private var baselineRows: [String: BaselineRow] = [:]
    private var tail: Task<Void, Never>?

    /// Which unit (`CODE@YYYY-MM-DD`) a ward code of a district meant at an instant; for facts stored by a release
    /// that kept only the code.
    public typealias UnitOf = @Sendable (_ district: String, _ code: String, _ at: Double) -> String?

    /// Loads every fact, sequence number and baseline row from `store`. With `unitOf`, facts stored by a release
    /// that kept only the ward code get their unit (and are written back once), so a unit's old and new
    /// requests share one row.
    public init(store: any FactStore, unitOf: UnitOf? = nil) async throws {
        self.store = store
        sequences = try await store.lastSequences()
        var cursor: (district: String, requestID: String)?
        var placed: [RequestFact] = []
        while true {
            let page = try await store.facts(after: cursor, limit: 20_000)
            guard let last = page.last else { break }
            for var fact in page {
                if let unitOf, !fact.ward.contains("@"),
                   let unit = unitOf(fact.district, fact.ward, fact.receivedAt ?? 0) {
                    fact.ward = unit
                    placed.append(fact)
                }
                table.upsert(fact)
            }
            cursor = (last.district, last.requestID)
        }
        if !placed.isEmpty { try await store.commit(placed, sequences: [:]) }
        for row in try await store.baseline() { baselineRows[Self.baselineKey(row)] = row }
    }

    /// How many requests the engine knows.
    public var factCount: Int { table.count }

    /// The last sequence number applied for `district` (0 when none).
    public func lastSequence(district: String) -> Int64 {
        sequences[district] ?? 0
    }

    /// The last sequence number applied for every district seen.
    public func lastSequences() -> [String: Int64] { sequences }

    /// Folds `events` into the facts and commits them. Events are taken in (district, seq) order whatever
    /// their order in the array; any event at or below its district's last applied sequence is skipped.
    /// When the store fails, nothing changes in memory either and the error is thrown.
    ///
    /// The store's own I/O runs off the cooperative pool (GRDB's async `write` on its own queue, PostgresNIO on
    /// its event loop), so a slow disk delays this call, not every task in the process.
    public func apply(_ events: [CoordinatorEvent]) async throws {
        let previous = tail
        let work = Task { () async throws -> Void in
            await previous?.value
            try await self.applyNow(events)
        }
        tail = Task { _ = try? await work.value }
        try await work.value
    }

    private func applyNow(_ events: [CoordinatorEvent]) async throws {
        guard !events.isEmpty else { return }
        let ordered = Self.isOrdered(events) ? events : events.sorted { ($0.district, $0.seq) < ($1.district, $1.seq) }
        var last = sequences
        var advanced: [String: Int64] = [:]
        var changed: [String: [String: RequestFact]] = [:]
        for event in ordered {
            guard event.seq > last[event.district] ?? 0 else { continue }
            last[event.district] = event.seq
            advanced[event.district] = event.seq
            // An event that names no request still takes its place in the sequence; it changes no fact.
            guard let requestID = event.requestID, let ward = event.ward else { continue }
            var fact = changed[event.district]?[requestID]
                ?? table.fact(district: event.district, requestID: requestID)
                ?? RequestFact(district: event.district, requestID: requestID, ward: ward)
            FactFolder.fold(event.event, into: &fact)
            changed[event.district, default: [:]][requestID] = fact
        }
        guard !advanced.isEmpty else { return }
        let facts = changed.values.flatMap(\.values)
        try await store.commit(facts, sequences: advanced)
        for fact in facts { table.upsert(fact) }
        for (district, seq) in advanced { sequences[district] = seq }
    }

    private static func isOrdered(_ events: [CoordinatorEvent]) -> Bool {
        zip(events, events.dropFirst()).allSatisfy { a, b in (a.district, a.seq) < (b.district, b.seq) }
    }

    /// Statistics grouped as `request` asks, and the backlog, in one scan.
    public func report(_ request: StatsRequest) -> StatsReport {
        table.report(request)
    }

    /// Statistics grouped as `request` asks.
    public func stats(_ request: StatsRequest) -> [StatsRow] {
        table.report(request).rows
    }

    /// Open requests by their current state (the backlog), over the request's period and district.
    public func backlog(_ request: StatsRequest) -> [String: Int] {
        table.report(request).backlog
    }

    /// The newest (or oldest) requests as the public may see them (see ``PublicRequest``), at most `limit`.
    public func publicRequests(district: String?, ward: String?, id: String?, limit: Int, openOnly: Bool = false,
                               oldestFirst: Bool = false) -> [PublicRequest] {
        table.publicRequests(district: district, ward: ward, id: id, limit: limit, openOnly: openOnly, oldestFirst: oldestFirst)
    }

    /// Stores official monthly totals, replacing rows with the same district, ward and month.
    public func importBaseline(_ rows: [BaselineRow]) async throws {
        try await store.saveBaseline(rows)
        for row in rows { baselineRows[Self.baselineKey(row)] = row }
    }

    /// The official rows known, in district, ward, month order.
    public func baseline() -> [BaselineRow] {
        baselineRows.values.sorted { ($0.district, $0.ward, $0.month) < ($1.district, $1.ward, $1.month) }
    }

    /// The teams' contribution to the official uptake rate per ward, over whole months `firstMonth…lastMonth`
    /// (`YYYY-MM`, inclusive): see ``ContributionRow``.
    public func contribution(firstMonth: String, lastMonth: String, district: String?) -> [ContributionRow] {
        table.contribution(baseline: baseline(), firstMonth: firstMonth, lastMonth: lastMonth, district: district)
    }

    private static func baselineKey(_ row: BaselineRow) -> String {
        row.district + "|" + row.ward + "|" + row.month
    }
}
