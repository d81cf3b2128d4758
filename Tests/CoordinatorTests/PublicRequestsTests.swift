@testable import Coordinator
import Foundation
import Testing
import XungKich
import XungKichWire

/// The `requests` report behind the web's Open311 feed, and the `ward` filter behind its ward pages, asked as
/// the web asks them: JSON through the endpoint's answer function.
@Suite("Coordinator: the public request list and one ward's statistics")
struct PublicRequestsTests {
    private func engine() async throws -> StatsEngine {
        let engine = try await StatsEngine(store: SQLiteFactStore())
        try await engine.apply(StatsFixture.events)
        return engine
    }

    private func ask<Answer: Decodable>(_ json: String, _ engine: StatsEngine, as type: Answer.Type) async throws -> Answer {
        try WireJSON.decodeReply(Answer.self, from: await StatsQuery.answer(Array(json.utf8), engine: engine))
    }

    @Test("the list is newest first, says open or not, and narrows to a ward or one id")
    func list() async throws {
        let engine = try await engine()
        let all = try await ask(#"{"report": "requests"}"#, engine, as: PublicRequestList.self).requests
        #expect(all.count == 17)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.receivedAt >= $1.receivedAt })
        let r1 = try #require(all.first { $0.id == "R1" })
        #expect(!r1.open && r1.state == "RESOLVED" && r1.ward == StatsFixture.bachMai)
        #expect(r1.updatedAt == StatsFixture.t0 + 3600 && r1.receivedAt == StatsFixture.t0)
        #expect(all.contains { $0.open })
        // R5 waits for the citizen since t0 + 420: that time is not the ward's, as in the statistics' SLA.
        let r5 = try #require(all.first { $0.id == "R5" })
        #expect(r5.open && r5.waitingSince == StatsFixture.t0 + 420 && r5.waitedSeconds == 0)
        #expect(r5.activeSeconds(at: StatsFixture.t0 + 420 + 86_400) == 20)
        #expect(r1.waitingSince == nil)
        let ward = try await ask(#"{"report": "requests", "ward": "\#(StatsFixture.bachMai)"}"#, engine, as: PublicRequestList.self)
        #expect(ward.requests.count == 5 && ward.requests.allSatisfy { $0.ward == StatsFixture.bachMai })
        let one = try await ask(#"{"report": "requests", "id": "R1"}"#, engine, as: PublicRequestList.self)
        #expect(one.requests.map(\.id) == ["R1"])
        let two = try await ask(#"{"report": "requests", "limit": 2}"#, engine, as: PublicRequestList.self)
        #expect(two.requests.count == 2)
        // The web's past-the-SLA list: open ones only, the oldest first, so a limit keeps the longest waiting.
        let open = try await ask(#"{"report": "requests", "open": true, "oldestFirst": true}"#, engine, as: PublicRequestList.self)
        #expect(open.requests.map(\.id) == all.filter(\.open).reversed().map(\.id) && !open.requests.isEmpty)
        let oldest = try await ask(#"{"report": "requests", "open": true, "oldestFirst": true, "limit": 1}"#, engine,
                                   as: PublicRequestList.self)
        #expect(oldest.requests.map(\.id) == [all.filter(\.open).last?.id])
        await #expect(throws: WireError.self) {
            _ = try await ask(#"{"report": "requests", "limit": 0}"#, engine, as: PublicRequestList.self)
        }
    }

    @Test("a ward filter gives that ward's figures only")
    func wardFilter() async throws {
        let engine = try await engine()
        let answer = try await ask(#"{"by": "day", "ward": "\#(StatsFixture.bachMai)"}"#, engine, as: StatsAnswer.self)
        #expect(answer.rows.reduce(0) { $0 + $1.received } == 5)
        let none = try await ask(#"{"by": "ward", "ward": "99999"}"#, engine, as: StatsAnswer.self)
        #expect(none.rows.isEmpty)
    }
}
