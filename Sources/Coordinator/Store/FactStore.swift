import XungKichWire

/// Where the coordinator keeps its facts durably: SQLite embedded (``SQLiteFactStore``) or PostgreSQL for a
/// whole city (``PostgresFactStore``). The statistics themselves are computed by ``StatsEngine`` from the facts
/// it loads at start and keeps in memory, so both stores give the same answers by construction; a store only
/// has to keep what it is given and hand it back.
///
/// The coordinator is the only writer of its store.
public protocol FactStore: Sendable {
    /// Each district's last applied event sequence number.
    func lastSequences() async throws -> [String: Int64]
    /// Facts in `(district, requestID)` order, at most `limit`, after `cursor` (a district and request id;
    /// `nil` for the first page). An empty page means the end.
    func facts(after cursor: (district: String, requestID: String)?, limit: Int) async throws -> [RequestFact]
    /// Replaces (or inserts) `facts` by `(district, requestID)` and sets the districts' last sequence numbers,
    /// all in one transaction: either everything is stored or nothing is.
    func commit(_ facts: [RequestFact], sequences: [String: Int64]) async throws
    /// Every baseline row.
    func baseline() async throws -> [BaselineRow]
    /// Replaces (or inserts) baseline rows by `(district, ward, month)`, in one transaction.
    func saveBaseline(_ rows: [BaselineRow]) async throws
}
