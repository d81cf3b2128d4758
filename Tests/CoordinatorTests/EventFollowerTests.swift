import Coordinator
import Testing
import XungKich
import XungKichWire

private func event(_ seq: Int64) -> CoordinatorEvent {
    CoordinatorEvent(district: "007", event: WireEvent(seq: seq, at: Double(seq), kind: .accepted, state: .triaged,
                                                       detail: nil, requestId: RequestID("007-\(seq)"), ward: "00286"))
}

private func applied(_ actions: [EventFollower.Action]) -> [Int64] {
    actions.flatMap { action -> [Int64] in
        if case .apply(let events) = action { return events.map(\.seq) }
        return []
    }
}

@Suite("Following a dispatcher's events (Clone pattern)")
struct EventFollowerTests {
    @Test("a start replays from the store's last sequence, holding live events until the replay answers")
    func startReplaysFirst() {
        var follower = EventFollower(district: "007", last: 3)
        #expect(follower.start == .replay(after: 3))
        #expect(follower.live(event(6)).isEmpty, "held while catching up")
        let actions = follower.replayed([event(4), event(5)], latest: 5)
        #expect(applied(actions) == [4, 5, 6])
        #expect(!follower.catchingUp)
        #expect(applied(follower.live(event(7))) == [7])
    }

    @Test("duplicates are dropped, live or replayed")
    func duplicates() {
        var follower = EventFollower(district: "007", last: 0)
        _ = follower.replayed([], latest: 0)
        #expect(applied(follower.live(event(1))) == [1])
        #expect(follower.live(event(1)).isEmpty)
        #expect(applied(follower.live(event(2))) == [2])
        #expect(follower.live(event(2)).isEmpty)
        #expect(follower.last == 2)
    }

    @Test("a gap in live events asks for the missing ones and applies everything in order, once")
    func gap() {
        var follower = EventFollower(district: "007", last: 0)
        _ = follower.replayed([], latest: 0)
        _ = follower.live(event(1))
        #expect(follower.live(event(4)) == [.replay(after: 1)])
        #expect(follower.live(event(5)).isEmpty)
        let actions = follower.replayed([event(2), event(3), event(4)], latest: 5)
        #expect(applied(actions) == [2, 3, 4, 5])
        #expect(follower.last == 5)
        #expect(!follower.catchingUp)
    }

    @Test("a paged replay keeps asking until it reaches the dispatcher's latest sequence")
    func pagedReplay() {
        var follower = EventFollower(district: "007", last: 0)
        let first = follower.replayed([event(1), event(2)], latest: 4)
        #expect(applied(first) == [1, 2])
        #expect(first.last == .replay(after: 2))
        let second = follower.replayed([event(3), event(4)], latest: 4)
        #expect(applied(second) == [3, 4])
        #expect(!follower.catchingUp)
    }

    @Test("a periodic check fetches events lost at the end of a burst, and asks nothing while a replay is in flight")
    func check() {
        var follower = EventFollower(district: "007", last: 0)
        #expect(follower.check().isEmpty, "the start's replay is in flight")
        _ = follower.replayed([], latest: 0)
        _ = follower.live(event(1))
        // Events 2 and 3 were lost and nothing came after them: only the check can notice.
        #expect(follower.check() == [.replay(after: 1)])
        #expect(follower.check().isEmpty, "one replay at a time")
        #expect(follower.live(event(3)).isEmpty, "held while the check's replay is in flight")
        let actions = follower.replayed([event(2), event(3)], latest: 3)
        #expect(applied(actions) == [2, 3])
        #expect(!follower.catchingUp)
        // Nothing was missed: the answer is empty and the follower goes on with live events.
        #expect(follower.check() == [.replay(after: 3)])
        #expect(follower.replayed([], latest: 3).isEmpty)
        #expect(applied(follower.live(event(4))) == [4])
    }
}
