import XungKich
import DequeModule

/// One ward's waiting requests, arranged so that picking the next one costs O(1) however long the
/// queue grows: priority requests and ordinary ones in two arrival-ordered queues (an ordinary
/// request whose head has waited past the ageing threshold counts as priority), and the few
/// requests backing off after a lost delivery in a small list of their own.
public struct WardQueue: Sendable {
    public struct Entry: Sendable, Equatable {
        var id: RequestID
        var number: Int64
        var createdAt: Double
        var isPriority: Bool
        /// Not to be delivered before this (redelivery backoff); 0 for no wait.
        var notBefore: Double
    }

    private var priority: Deque<Entry> = []
    private var normal: Deque<Entry> = []
    private var retry: [Entry] = []

    var count: Int { priority.count + normal.count + retry.count }
    var isEmpty: Bool { count == 0 }

    /// When the longest-waiting request arrived.
    var oldestCreatedAt: Double? {
        [priority.first?.createdAt, normal.first?.createdAt, retry.map(\.createdAt).min()].compactMap { $0 }.min()
    }

    mutating func append(_ entry: Entry) {
        if entry.notBefore > 0 {
            retry.append(entry)
        } else if entry.isPriority {
            priority.append(entry)
        } else {
            normal.append(entry)
        }
    }

    func contains(id: RequestID) -> Bool {
        priority.contains { $0.id == id } || normal.contains { $0.id == id } || retry.contains { $0.id == id }
    }

    mutating func remove(id: RequestID) {
        priority.removeAll { $0.id == id }
        normal.removeAll { $0.id == id }
        retry.removeAll { $0.id == id }
    }

    /// Takes the request to deliver next: urgent ones (``RoutingPolicy/isUrgent(_:now:)``) before others,
    /// older before newer; requests still backing off are skipped.
    mutating func popNext(now: Double, policy: RoutingPolicy) -> Entry? {
        enum Source { case priority, normal, retry(Int) }
        var best: (source: Source, urgent: Bool, number: Int64)?
        func consider(_ entry: Entry, _ source: Source) {
            let urgent = policy.isUrgent(entry, now: now)
            if let current = best, current.urgent && !urgent || current.urgent == urgent && current.number < entry.number {
                return
            }
            best = (source, urgent, entry.number)
        }
        if let head = priority.first { consider(head, .priority) }
        if let head = normal.first { consider(head, .normal) }
        for (index, entry) in retry.enumerated() where entry.notBefore <= now { consider(entry, .retry(index)) }
        switch best?.source {
        case .priority: return priority.removeFirst()
        case .normal: return normal.removeFirst()
        case .retry(let index): return retry.remove(at: index)
        case nil: return nil
        }
    }
}
