import Foundation
import Logging
import PageKit
import Testing
@testable import Web
import XungKichWire

/// A coordinator whose public list is fixed.
private struct FixedBackend: WebBackend {
    var list: [PublicRequest]
    func stats(_ query: StatsQueryMessage) async throws -> StatsAnswer {
        StatsAnswer(by: query.by ?? .ward, rows: [], backlog: [:], slaHours: 72, facts: 0)
    }
    func requests(_ query: StatsQueryMessage) async throws -> PublicRequestList { PublicRequestList(requests: list) }
    func attention() async throws -> [AttentionList.Item] { [] }
    func admin(_ command: AdminCommand) async throws -> AdminAnswer { AdminAnswer(id: "007-0000001", state: "x") }
}

@Suite("Web: the past-the-SLA list measures active time, as the statistics' SLA does")
struct OverdueTests {
    @Test("days waiting for the citizen do not count against the ward; the longest active is first")
    func activeTime() async throws {
        let now = 1_800_000_000.0
        let hour = 3600.0
        func open(_ id: String, receivedHoursAgo: Double, waitedHours: Double = 0, waitingForHours: Double? = nil) -> PublicRequest {
            PublicRequest(id: id, district: "007", ward: "00286", procedure: nil, field: nil, helpType: "thu-tuc",
                          state: waitingForHours == nil ? "IN_PROGRESS" : "WAITING_CITIZEN", outcome: nil, open: true,
                          receivedAt: now - receivedHoursAgo * hour, updatedAt: now - hour,
                          waitedSeconds: waitedHours * hour, waitingSince: waitingForHours.map { now - $0 * hour })
        }
        var resolved = open("007-0000009", receivedHoursAgo: 500)
        resolved.open = false
        let list = [
            open("007-0000001", receivedHoursAgo: 80),                                  // 80 h active: late
            open("007-0000002", receivedHoursAgo: 100, waitedHours: 50),               // 50 h active: not late
            open("007-0000003", receivedHoursAgo: 90, waitingForHours: 40),            // 50 h active: not late
            open("007-0000004", receivedHoursAgo: 200, waitedHours: 20, waitingForHours: 10),   // 170 h: late
            open("007-0000005", receivedHoursAgo: 71),                                  // within the 72 h
            resolved,
        ]
        let handlers = WebHandlers(
            backend: FixedBackend(list: list),
            data: DashboardData(cache: AnswerCache(backend: FixedBackend(list: list)), configs: [], slaHours: 72),
            sessions: SessionStore<WebUsers.Role>(), usersPath: "/nonexistent", logger: Logger(label: "test"),
            pages: RenderedCache(), answers: RenderedCache())
        let late = try await handlers.overdue(now: now)
        #expect(late.map(\.id) == ["007-0000004", "007-0000001"])
        #expect(list[2].activeSeconds(at: now) == 50 * hour && list[3].activeSeconds(at: now) == 170 * hour)
    }
}
