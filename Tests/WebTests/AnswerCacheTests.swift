import Foundation
import Testing
@testable import Web
import XungKichWire

/// A coordinator whose every answer counts the queries made so far (`facts`), and which can be told to fail.
private actor CountingBackend: WebBackend {
    private(set) var queries = 0
    var failing = false

    func fail(_ value: Bool) { failing = value }

    func stats(_ query: StatsQueryMessage) async throws -> StatsAnswer {
        queries += 1
        if failing { throw WireError(.storeUnavailable, "down") }
        return StatsAnswer(by: query.by ?? .ward, rows: [], backlog: [:], slaHours: 72, facts: queries)
    }
    func requests(_ query: StatsQueryMessage) async throws -> PublicRequestList { PublicRequestList(requests: []) }
    func attention() async throws -> [AttentionList.Item] { [] }
    func admin(_ command: AdminCommand) async throws -> AdminAnswer { AdminAnswer(id: "007-0000001", state: "x") }
}

@Suite("Web: the coordinator's answers are kept, and refreshed without making readers wait")
struct AnswerCacheTests {
    let query = StatsQueryMessage(report: .stats, by: .ward)

    /// Asks until the background refresh has landed (bounded), returning the answer's query count.
    private func settled(_ cache: AnswerCache, at now: Double, until want: Int) async throws -> Int {
        for _ in 0..<1000 {
            let facts = try await cache.stats(query, now: now).facts
            if facts == want { return facts }
            await Task.yield()
        }
        return try await cache.stats(query, now: now).facts
    }

    @Test("fresh answers are shared; an old one is shown at once while one refresh runs; a too-old one waits")
    func staleWhileRevalidate() async throws {
        let backend = CountingBackend()
        let cache = AnswerCache(backend: backend, seconds: 2, staleSeconds: 30)
        #expect(try await cache.stats(query, now: 100).facts == 1)
        #expect(try await cache.stats(query, now: 101).facts == 1)   // fresh: no second query
        #expect(await backend.queries == 1)
        // Expired: the reader gets the kept answer at once; a refresh starts, and later readers get its answer.
        #expect(try await cache.stats(query, now: 103).facts == 1)
        #expect(try await settled(cache, at: 103.5, until: 2) == 2)
        #expect(await backend.queries == 2)
        // Older than staleSeconds: the reader waits for a fresh answer instead of seeing old figures.
        #expect(try await cache.stats(query, now: 200).facts == 3)
    }

    @Test("a failed refresh keeps the last answer for a while, then the failure reaches the reader")
    func failures() async throws {
        let backend = CountingBackend()
        let cache = AnswerCache(backend: backend, seconds: 2, staleSeconds: 30)
        #expect(try await cache.stats(query, now: 100).facts == 1)
        await backend.fail(true)
        #expect(try await cache.stats(query, now: 110).facts == 1)   // kept answer while the refresh fails
        await #expect(throws: (any Error).self) { try await cache.stats(query, now: 200) }
        await backend.fail(false)
        #expect(try await cache.stats(query, now: 201).facts > 1)   // a failure is not kept: asked again
    }
}
