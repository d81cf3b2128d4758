import Foundation
@testable import MajordomoPeers
import Testing
import WardWorker
import XungKich
import XungKichWire

@Suite("Action times: each report carries when the team acted", .serialized)
struct ActionTimeTests {
    @Test("every PARTIAL and the FINAL carry the time of their step, and a replay after a restart keeps those times")
    func stampedReports() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        let accepted = try await disk.book.apply(.accept(team: Fixture.team), to: Fixture.id).get()
        try await Task.sleep(for: .milliseconds(50))
        let contacted = try await disk.book.apply(.contact(note: nil), to: Fixture.id).get()
        let sentTimes = try partials.timedReports().map(\.at)
        #expect(sentTimes == [accepted.history[0].at, accepted.history[1].at, contacted.history[2].at])
        let resolved = try await disk.book.apply(.guide, to: Fixture.id).get()
        let final = try Fixture.timedReport(await waiting.value.first)
        #expect(final.at == resolved.history.last?.at)

        // A restart of the worker, then a redelivery: the updates are replayed with their own times, not now.
        let reopened = try BookOnDisk.open(disk.path)
        let replayed = SentPartials()
        let answer = await reopened.deliver(delivery(attempt: 2, partials: replayed))
        #expect(try replayed.timedReports().map(\.at) == sentTimes)
        #expect(try Fixture.timedReport(answer.first).at == final.at)
    }
}
