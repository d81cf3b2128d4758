import Testing
@testable import Dispatcher

/// The routing decisions with a fake clock: order, overflow, redelivery, give-backs.
struct RoutingPolicyTests {
    private func policy(_ change: (inout DeskConfiguration) -> Void = { _ in }) -> RoutingPolicy {
        var configuration = DeskConfiguration()
        configuration.overflowAfterNoWorker = 300
        configuration.overflowAge = 1800
        configuration.agingThreshold = 600
        configuration.maxAttempts = 3
        configuration.redeliveryBase = 2
        configuration.redeliveryMax = 5
        configuration.declinedRetry = 60
        configuration.neighbours = ["00286": ["00241", "00244"]]
        change(&configuration)
        return RoutingPolicy(configuration: configuration)
    }

    @Test func theNoWorkerClockStartsAtTheFirstSightingAndStopsWhenAWorkerComes() {
        var routing = policy()
        routing.observe(ward: "00286", workers: 0, now: 1000)
        routing.observe(ward: "00286", workers: 0, now: 1200)  // still the first sighting that counts
        #expect(!routing.shouldOverflow(ward: "00286", oldestWaitingSince: 1000, now: 1299))
        #expect(routing.shouldOverflow(ward: "00286", oldestWaitingSince: 1000, now: 1300))
        routing.observe(ward: "00286", workers: 1, now: 1301)
        #expect(!routing.shouldOverflow(ward: "00286", oldestWaitingSince: 1000, now: 1400))
        routing.observe(ward: "00286", workers: 0, now: 1500)
        #expect(!routing.shouldOverflow(ward: "00286", oldestWaitingSince: 1000, now: 1799))
    }

    @Test func anOldWaitingRequestOverflowsEvenWithWorkers() {
        var routing = policy()
        routing.observe(ward: "00286", workers: 2, now: 0)
        #expect(!routing.shouldOverflow(ward: "00286", oldestWaitingSince: 100, now: 1899))
        #expect(routing.shouldOverflow(ward: "00286", oldestWaitingSince: 100, now: 1900))
        #expect(!routing.shouldOverflow(ward: "00286", oldestWaitingSince: nil, now: 99_999))
    }

    @Test func neighboursComeFromTheConfigurationInOrder() {
        #expect(policy().neighbours(of: "00286") == ["00241", "00244"])
        #expect(policy().neighbours(of: "00241").isEmpty)
    }

    @Test func lostDeliveriesBackOffDoublingUpToTheCapThenNeedAnOperator() {
        let routing = policy()
        #expect(routing.afterLoss(attempts: 1) == .redeliver(after: 2))
        #expect(routing.afterLoss(attempts: 2) == .redeliver(after: 4))
        #expect(routing.afterLoss(attempts: 3) == .needsAttention)
        let patient = policy { $0.maxAttempts = 10 }
        #expect(patient.afterLoss(attempts: 5) == .redeliver(after: 5))
    }

    @Test func priorityAndAgeMakeARequestUrgent() {
        let routing = policy()
        let ordinary = WardQueue.Entry(id: "a", number: 1, createdAt: 1000, isPriority: false, notBefore: 0)
        let elderly = WardQueue.Entry(id: "b", number: 2, createdAt: 1500, isPriority: true, notBefore: 0)
        #expect(!routing.isUrgent(ordinary, now: 1599))
        #expect(routing.isUrgent(ordinary, now: 1600))
        #expect(routing.isUrgent(elderly, now: 1500))
    }

    @Test func theQueueServesUrgentFirstThenOldestAndSkipsBackingOff() {
        let routing = policy()
        var queue = WardQueue()
        queue.append(.init(id: "old", number: 1, createdAt: 1000, isPriority: false, notBefore: 0))
        queue.append(.init(id: "priority", number: 2, createdAt: 1100, isPriority: true, notBefore: 0))
        queue.append(.init(id: "retrying", number: 0, createdAt: 900, isPriority: true, notBefore: 1300))
        #expect(queue.popNext(now: 1200, policy: routing)?.id == "priority")
        #expect(queue.popNext(now: 1200, policy: routing)?.id == "old")
        #expect(queue.popNext(now: 1200, policy: routing) == nil)
        #expect(queue.popNext(now: 1300, policy: routing)?.id == "retrying")
    }

    @Test func aGivenBackRequestWaitsTheDeclinedRetry() {
        #expect(policy().declinedRetryAt(now: 1000) == 1060)
    }
}
