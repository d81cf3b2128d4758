import Foundation
import Logging
import MajordomoPeers

/// The coordinator's state: one follower per district and the statistics store. Live events and replay
/// answers come in; the follower decides what to apply and what to ask for again.
public actor CoordinatorCore {
    /// Where one district's dispatcher is.
    public struct Source: Sendable {
        public var district: String
        public var dispatcher: String
        public var events: String
        public init(district: String, dispatcher: String, events: String) {
            self.district = district
            self.dispatcher = dispatcher
            self.events = events
        }
    }

    /// The statistics, which `xk stats` queries directly.
    public let engine: StatsEngine
    let logger: Logger
    var followers: [String: EventFollower] = [:]
    var clients: [String: MajordomoClient] = [:]

    public init(engine: StatsEngine, sources: [Source], logger: Logger) async throws {
        self.engine = engine
        self.logger = logger
        for source in sources {
            followers[source.district] = EventFollower(district: source.district,
                                                       last: await engine.lastSequence(district: source.district))
            var options = MajordomoClient.Options()
            options.timeout = .seconds(5)
            options.retries = 1_000_000  // a dispatcher that is down is waited for, not given up on
            clients[source.district] = try MajordomoClient(endpoint: source.dispatcher, options: options)
        }
    }

    /// Closes the dispatcher clients, so a replay waiting on a dispatcher that is down ends.
    public func shutdown() {
        isShuttingDown = true
        clients.values.forEach { $0.close() }
    }

    /// Set by `shutdown()`: retries stop, so a coordinator whose dispatcher is down still exits on SIGTERM.
    private var isShuttingDown = false

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
        var actions: [EventFollower.Action] = []
        for event in events { actions += follower.live(event) }
        followers[district] = follower
        await perform(actions, district: district)
    }

    private func perform(_ actions: [EventFollower.Action], district: String) async {
        var pending = actions
        while !pending.isEmpty, !isShuttingDown, !Task.isCancelled {
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
                    guard var follower = followers[district] else { return }
                    follower = EventFollower(district: district, last: await engine.lastSequence(district: district))
                    followers[district] = follower
                    pending = [follower.start]
                }
            case .replay(let after):
                guard let (events, latest) = await replay(district: district, after: after) else {
                    // The answer was unusable; ask again shortly rather than stay behind for good.
                    try? await Task.sleep(for: .seconds(1))
                    pending.append(.replay(after: after))
                    continue
                }
                // Read the follower after the await: live events may have been held meanwhile.
                guard var follower = followers[district] else { return }
                pending += follower.replayed(events, latest: latest)
                followers[district] = follower
            }
        }
    }

    private func replay(district: String, after: Int64) async -> ([CoordinatorEvent], Int64)? {
        guard let client = clients[district] else { return nil }
        do {
            let body = try JSONSerialization.data(withJSONObject: ["after": after])
            let reply = try await client.request(service: "xk.events", body: [[UInt8](body)])
            guard let object = reply.first.flatMap({ try? JSONSerialization.jsonObject(with: Data($0)) }) as? [String: Any]
            else { return nil }
            let events = (object["events"] as? [[String: Any]] ?? []).compactMap { CoordinatorEvent(json: $0, district: district) }
            return (events, (object["last"] as? NSNumber)?.int64Value ?? after)
        } catch {
            logger.warning("replay failed", metadata: ["district": "\(district)", "error": "\(error)"])
            return nil
        }
    }
}
