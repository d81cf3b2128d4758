import Logging
import MajordomoPeers
import ZeroMQ
import Synchronization
import XungKichWire

/// The coordinator's state: one follower per district and the statistics engine. Live events and replay
/// answers come in; each district's ``EventFollower`` decides what to apply and what to ask for again.
public actor CoordinatorCore {
    /// Where one district's dispatcher is.
    public struct Source: Sendable, Equatable {
        /// District GSO code, e.g. `007`.
        public var district: String
        /// The dispatcher's Majordomo endpoint, asked for replays (`xk.events`).
        public var dispatcher: String
        /// The dispatcher's events PUB endpoint (its `--events`).
        public var events: String

        /// With keys: the coordinator's pair and this district's dispatcher's public key (CurveZMQ), for both
        /// the `xk.events` client and the events subscription.
        public var curve: CurveClientKeys?

        /// Creates a source.
        public init(district: String, dispatcher: String, events: String, curve: CurveClientKeys? = nil) {
            self.district = district
            self.dispatcher = dispatcher
            self.events = events
            self.curve = curve
        }
    }

    /// The statistics, which the statistics endpoint queries directly.
    public let engine: StatsEngine
    let logger: Logger
    var followers: [String: EventFollower] = [:]
    /// The newest sequence number each dispatcher is known to have journaled (from its live events and its
    /// replay answers), for the lag the metrics show.
    public private(set) var dispatcherSequences: [String: Int64] = [:]
    private let clients: [String: MajordomoClient]
    /// Set by ``stop()``, from any thread: retries end, so a coordinator whose dispatcher is down still stops.
    private let stopping = Atomic<Bool>(false)

    /// Starts every district from the last sequence number the engine has stored for it.
    public init(engine: StatsEngine, sources: [Source], logger: Logger) async throws {
        var followers: [String: EventFollower] = [:]
        var clients: [String: MajordomoClient] = [:]
        for source in sources {
            followers[source.district] = EventFollower(district: source.district,
                                                       last: await engine.lastSequence(district: source.district))
            var options = MajordomoClient.Options()
            options.timeout = .seconds(5)
            options.retries = 1_000_000  // a dispatcher that is down is waited for, not given up on
            options.curve = source.curve
            clients[source.district] = try MajordomoClient(endpoint: source.dispatcher, options: options)
        }
        self.engine = engine
        self.logger = logger
        self.followers = followers
        self.clients = clients
    }

    /// Stops asking the dispatchers: their clients are closed, so a replay waiting on a dispatcher that is
    /// down ends at once. Callable from any thread (a shutdown handler).
    public nonisolated func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        clients.values.forEach { $0.close() }
    }

    private var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    /// Catches every district up from where the store stopped.
    public func start() async {
        for (district, follower) in followers { await perform([follower.start], district: district) }
    }

    /// Asks every district's dispatcher for events after the last one applied (`EventFollower.check`),
    /// the districts concurrently so that one dispatcher being down does not hold the others.
    public func check() async {
        await withTaskGroup(of: Void.self) { group in
            for district in followers.keys {
                group.addTask { await self.check(district: district) }
            }
        }
    }

    private func check(district: String) async {
        guard var follower = followers[district] else { return }
        let actions = follower.check()
        followers[district] = follower
        await perform(actions, district: district)
    }

    /// Live events from one district's PUB socket.
    public func live(_ events: [CoordinatorEvent], district: String) async {
        guard var follower = followers[district] else { return }
        warnIfUnfoldable(events, district: district)
        if let newest = events.map(\.seq).max() { noteDispatcherSequence(newest, district: district) }
        var actions: [EventFollower.Action] = []
        for event in events { actions += follower.live(event) }
        followers[district] = follower
        await perform(actions, district: district)
    }

    private func perform(_ actions: [EventFollower.Action], district: String) async {
        var pending = actions
        while !pending.isEmpty, !isStopping, !Task.isCancelled {
            let action = pending.removeFirst()
            switch action {
            case .apply(let events):
                do {
                    try await engine.apply(events)
                } catch {
                    // Nothing was applied: the follower asks again from the last stored sequence, so the
                    // events are not lost, and a store that stays down is visible in the log.
                    logger.critical("statistics store write failed; asking the dispatcher again in 1 s",
                                    metadata: ["district": "\(district)", "error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                    let follower = EventFollower(district: district, last: await engine.lastSequence(district: district))
                    followers[district] = follower
                    pending = [follower.start]
                }
            case .replay(let after):
                guard let (events, latest) = await replay(district: district, after: after) else {
                    // No usable answer; ask again shortly rather than stay behind for good.
                    try? await Task.sleep(for: .seconds(1))
                    pending.append(.replay(after: after))
                    continue
                }
                noteDispatcherSequence(latest, district: district)
                // Read the follower after the await: live events may have been held meanwhile.
                guard var follower = followers[district] else { return }
                pending += follower.replayed(events, latest: latest)
                followers[district] = follower
            }
        }
    }

    private func noteDispatcherSequence(_ seq: Int64, district: String) {
        dispatcherSequences[district] = max(dispatcherSequences[district] ?? 0, seq)
    }

    private func replay(district: String, after: Int64) async -> ([CoordinatorEvent], Int64)? {
        guard let client = clients[district] else { return nil }
        do {
            let page = try await DispatcherEvents.page(from: client, after: after)
            let events = page.events.map { CoordinatorEvent(district: district, event: $0) }
            warnIfUnfoldable(events, district: district)
            return (events, page.last)
        } catch {
            if !isStopping {
                logger.warning("replay from the dispatcher failed; asking again in 1 s",
                               metadata: ["district": "\(district)", "after": "\(after)", "error": "\(error)"])
            }
            return nil
        }
    }

    /// An event without its request or ward is a dispatcher bug: it keeps its place in the sequence (so the
    /// follower does not wait for it forever) but changes no statistics, and the log says so.
    private func warnIfUnfoldable(_ events: [CoordinatorEvent], district: String) {
        for event in events where !event.isFoldable {
            logger.warning("event names no request or ward; counted in the sequence, no statistics changed",
                           metadata: ["district": "\(district)", "seq": "\(event.seq)", "kind": "\(event.event.kind)"])
        }
        // A newer dispatcher's vocabulary: the event is folded without the values this release does not know.
        for event in events {
            guard let unknown = event.event.detail?.unrecognized, !unknown.isEmpty else { continue }
            logger.warning("event holds values this release does not know; folded without them (upgrade the coordinator)",
                           metadata: ["district": "\(district)", "seq": "\(event.seq)",
                                      "values": "\(unknown.keys.sorted().map { "\($0)=\(unknown[$0] ?? "")" })"])
        }
    }
}
