import ServiceLifecycle

/// Keeps the statistics following every district: catches up from the store's last sequence numbers, applies
/// the live events the ``EventSubscriber`` hands over, and every `checkInterval` asks each dispatcher whether
/// events were lost at the end of a burst (see ``EventFollower/check()``). A service of the coordinator's
/// group; it stops on graceful shutdown, closing the dispatcher clients so that a replay waiting on a
/// dispatcher that is down does not hold the shutdown.
final class FollowerService: Service, Sendable {
    let core: CoordinatorCore
    let batches: AsyncStream<EventBatch>
    let checkInterval: Duration

    /// Time for the SUB sockets to connect before the first replay: subscribed first, then caught up, so
    /// the events published during the replay are held, not missed.
    static let subscribeGrace: Duration = .milliseconds(200)

    init(core: CoordinatorCore, batches: AsyncStream<EventBatch>, checkInterval: Duration) {
        self.core = core
        self.batches = batches
        self.checkInterval = checkInterval
    }

    func run() async throws {
        let (core, batches, checkInterval) = (self.core, self.batches, self.checkInterval)
        await withTaskCancellationOrGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await withDiscardingTaskGroup { group in
                    group.addTask {
                        try? await Task.sleep(for: Self.subscribeGrace)
                        await core.start()
                        for await batch in batches { await core.live(batch.events, district: batch.district) }
                    }
                    group.addTask {
                        while true {
                            do {
                                try await Task.sleep(for: checkInterval)
                            } catch {
                                return  // cancelled: shutting down
                            }
                            await core.check()
                        }
                    }
                }
            }
        } onCancelOrGracefulShutdown: {
            core.stop()
        }
    }
}
