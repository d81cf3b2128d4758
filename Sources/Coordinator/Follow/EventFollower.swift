/// Follows one dispatcher's event stream the zguide's Clone way, as a pure state machine: live events
/// (PUB/SUB) are applied in sequence; a gap — or a fresh start — triggers a replay request
/// (`xk.events {"after": N}`), live events are held meanwhile, and duplicates are dropped. So a
/// coordinator stopped for an hour and restarted ends with the same numbers as one that never stopped.
public struct EventFollower: Sendable {
    /// What the coordinator should do next.
    public enum Action: Sendable, Equatable {
        /// Apply these events, in this order, to the statistics store (which also records `seq`).
        case apply([CoordinatorEvent])
        /// Ask the dispatcher for the events after this sequence number.
        case replay(after: Int64)
    }

    public let district: String
    /// The last sequence number applied.
    public private(set) var last: Int64
    /// Whether a replay is in flight; live events wait until it answers.
    public private(set) var catchingUp: Bool
    private var held: [CoordinatorEvent] = []

    /// Starts from the store's last applied sequence number; the first action is always a replay, so
    /// whatever happened while the coordinator was down is fetched before live events are applied.
    public init(district: String, last: Int64) {
        self.district = district
        self.last = last
        catchingUp = true
    }

    /// The first request to make.
    public var start: Action { .replay(after: last) }

    /// A live event from the dispatcher's PUB socket.
    public mutating func live(_ event: CoordinatorEvent) -> [Action] {
        guard event.seq > last else { return [] }  // already applied: a duplicate
        if catchingUp {
            held.append(event)
            return []
        }
        if event.seq == last + 1 {
            last = event.seq
            return [.apply([event])]
        }
        // A gap: events were missed (PUB drops for slow subscribers, or a restart). Fetch them.
        held.append(event)
        catchingUp = true
        return [.replay(after: last)]
    }

    /// A periodic check: a gap in live events shows only when a later event arrives, so events lost at the
    /// end of a burst (PUB drops what it sends while a subscriber is away) would wait for the next one,
    /// maybe hours. Asks for anything after `last`, unless a replay is already in flight.
    public mutating func check() -> [Action] {
        guard !catchingUp else { return [] }
        catchingUp = true
        return [.replay(after: last)]
    }

    /// The answer to a replay request: events after the asked sequence (oldest first, maybe a page of
    /// them) and the dispatcher's latest sequence number.
    public mutating func replayed(_ events: [CoordinatorEvent], latest: Int64) -> [Action] {
        var batch: [CoordinatorEvent] = []
        // Replayed and held live events together, oldest first: whichever continues the sequence goes.
        for event in (events + held).sorted(by: { $0.seq < $1.seq }) where event.seq == last + 1 {
            batch.append(event)
            last = event.seq
        }
        held.removeAll { $0.seq <= last }
        var actions: [Action] = batch.isEmpty ? [] : [.apply(batch)]
        if last < latest || !held.isEmpty {
            actions.append(.replay(after: last))  // a page of a longer replay, or still a gap: ask again
        } else {
            catchingUp = false
        }
        return actions
    }
}
