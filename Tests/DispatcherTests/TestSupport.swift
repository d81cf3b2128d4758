import Synchronization

/// Collects partial replies from a callback that may run on another thread.
final class PartialLog: Sendable {
    private let items = Mutex<[[[UInt8]]]>([])
    func append(_ item: [[UInt8]]) { items.withLock { $0.append(item) } }
    var all: [[[UInt8]]] { items.withLock { $0 } }
}

/// Lets `expected` tasks wait until all of them have arrived.
actor Gate {
    private let expected: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(expected: Int) { self.expected = expected }

    func arriveAndWait() async {
        arrived += 1
        if arrived >= expected {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
