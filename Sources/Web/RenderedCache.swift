/// Values kept per key with stale-while-revalidate: the pages and the API answers open pages poll, already
/// rendered, per key (page, ward, language), and ``AnswerCache``'s coordinator answers. Fifty viewers refreshing
/// the overview cost one rendering a second, not fifty. At a million requests the page's own CPU (five figures
/// turned into a table and four SVG charts) was what kept its p99 above 100 ms on two cores, not the coordinator.
///
/// A value older than `seconds` is still served at once while one reader's rendering runs in the background; a
/// reader waits only when there is no value yet or the kept one is older than `staleSeconds`. A failed rendering
/// is never kept (the reader gets its error, and the next reader tries again). Of a page, only the part that is
/// the same for every viewer is kept: the viewer's name and CSRF token are put around it for each response
/// (``WebPage/Cached``).
actor RenderedCache<Value: Sendable> {
    private struct Entry {
        /// When the newest rendering started.
        var at: Double
        var task: Task<Value, any Error>?
        /// The last body rendered, and when its rendering started.
        var last: (value: Value, at: Double)?
    }

    private var entries: [String: Entry] = [:]
    let seconds: Double
    let staleSeconds: Double

    init(seconds: Double = 1, staleSeconds: Double = 30) {
        self.seconds = seconds
        self.staleSeconds = staleSeconds
    }

    /// The kept value of `key`, or the one `render` makes; `now` is the reader's time (seconds since 1970).
    func value(_ key: String, now: Double, render: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let entry = entries[key]
        if let last = entry?.last {
            if now - last.at < seconds { return last.value }
            if now - last.at < staleSeconds {
                if entry?.task == nil { start(key, at: now, render: render) }
                return last.value
            }
        }
        if let running = entry?.task { return try await awaiting(key, running) }
        return try await awaiting(key, start(key, at: now, render: render))
    }

    /// The value of `task`; a failure is forgotten before this reader hears of it, so the next reader renders
    /// again whether or not `settle` has run yet.
    private func awaiting(_ key: String, _ task: Task<Value, any Error>) async throws -> Value {
        do {
            return try await task.value
        } catch {
            if entries[key]?.task == task { entries[key]?.task = nil }
            throw error
        }
    }

    @discardableResult
    private func start(_ key: String, at now: Double, render: @escaping @Sendable () async throws -> Value) -> Task<Value, any Error> {
        let task = Task { try await render() }
        entries[key] = Entry(at: now, task: task, last: entries[key]?.last)
        if entries.count > 256 { entries = entries.filter { now - ($0.value.last?.at ?? $0.value.at) < staleSeconds } }
        Task { await self.settle(key, at: now, task: task) }
        return task
    }

    private func settle(_ key: String, at started: Double, task: Task<Value, any Error>) async {
        let result = await task.result
        guard var entry = entries[key], entry.at == started else { return }
        entry.task = nil
        if case .success(let value) = result { entry.last = (value, started) }
        entries[key] = entry
    }
}
