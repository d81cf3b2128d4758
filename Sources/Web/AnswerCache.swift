import Foundation
import XungKichWire

/// The coordinator's answers for a couple of seconds: fifty phones refreshing the dashboard cost the
/// coordinator one query per figure, not fifty; callers arriving while a query runs wait for that one.
///
/// Once an answer is older than `seconds`, the next reader still gets it at once while one fresh query runs
/// in the background (stale-while-revalidate): over a million facts a figure takes tens of milliseconds to
/// recompute, and a page asks several, so making a reader wait for them was most of the page's slow tail.
/// A reader waits only when there is no answer yet, or when the kept one is older than `staleSeconds`.
actor AnswerCache {
    private struct Entry {
        /// When the newest query for this key started.
        var at: Double
        var task: Task<StatsAnswer, any Error>
        /// The last answer that arrived, and when its query started.
        var last: (answer: StatsAnswer, at: Double)?
    }

    private var entries: [String: Entry] = [:]
    private let backend: any WebBackend
    let seconds: Double
    /// How old a kept answer may be and still be shown while a fresh one is fetched.
    let staleSeconds: Double

    init(backend: any WebBackend, seconds: Double = 2, staleSeconds: Double = 30) {
        self.backend = backend
        self.seconds = seconds
        self.staleSeconds = staleSeconds
    }

    /// The answer to `query`; `now` (seconds since 1970) is the reader's time, given by tests.
    func stats(_ query: StatsQueryMessage, now: Double = Date().timeIntervalSince1970) async throws -> StatsAnswer {
        let key = String(decoding: WireJSON.encode(query), as: UTF8.self)
        if let entry = entries[key] {
            if now - entry.at < seconds {
                // Fresh, or its query is running: the kept answer if the running one is a refresh, else wait.
                if let last = entry.last, last.at < entry.at, now - last.at < staleSeconds { return last.answer }
                return try await entry.task.value
            }
            if let last = entry.last, now - last.at < staleSeconds {
                start(key, query, at: now, keeping: last)
                return last.answer
            }
        }
        let task = start(key, query, at: now, keeping: entries[key]?.last)
        do {
            return try await task.value
        } catch {
            // Forgotten before this reader hears of it, so the next reader asks again whatever `settle` has done.
            forget(key, startedAt: now)
            throw error
        }
    }

    private func forget(_ key: String, startedAt: Double) {
        if entries[key]?.at == startedAt { entries[key]?.at = 0 }
    }

    /// Starts one query for the key; its answer is kept when it arrives, a failure forgets the running query
    /// (the next reader asks again) but keeps the last answer.
    @discardableResult
    private func start(_ key: String, _ query: StatsQueryMessage, at now: Double,
                       keeping last: (answer: StatsAnswer, at: Double)?) -> Task<StatsAnswer, any Error> {
        let backend = backend
        let task = Task { try await backend.stats(query) }
        entries[key] = Entry(at: now, task: task, last: last)
        if entries.count > 256 { entries = entries.filter { now - $0.value.at < staleSeconds } }
        Task { await self.settle(key, at: now, task: task) }
        return task
    }

    private func settle(_ key: String, at started: Double, task: Task<StatsAnswer, any Error>) async {
        let result = await task.result
        guard var entry = entries[key], entry.at == started else { return }
        switch result {
        case .success(let answer):
            entry.last = (answer, started)
            entries[key] = entry
        case .failure:
            // Not kept: the next reader asks again (at once, showing the kept answer meanwhile if there is one).
            forget(key, startedAt: started)
        }
    }
}
