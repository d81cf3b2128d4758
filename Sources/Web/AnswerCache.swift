import Foundation
import XungKichWire

/// The coordinator's answers for a couple of seconds: fifty phones refreshing the dashboard cost the
/// coordinator one query per figure, not fifty; callers arriving while a query runs wait for that one.
///
/// Once an answer is older than `seconds`, the next reader still gets it at once while one fresh query runs
/// in the background (stale-while-revalidate, ``RenderedCache``'s): over a million facts a figure takes tens of
/// milliseconds to recompute, and a page asks several, so making a reader wait for them was most of the page's
/// slow tail. A reader waits only when there is no answer yet, or when the kept one is older than `staleSeconds`.
struct AnswerCache: Sendable {
    private let answers: RenderedCache<StatsAnswer>
    private let backend: any WebBackend

    init(backend: any WebBackend, seconds: Double = 2, staleSeconds: Double = 30) {
        self.backend = backend
        answers = RenderedCache(seconds: seconds, staleSeconds: staleSeconds)
    }

    /// The answer to `query`; `now` (seconds since 1970) is the reader's time, given by tests.
    func stats(_ query: StatsQueryMessage, now: Double = Date().timeIntervalSince1970) async throws -> StatsAnswer {
        let backend = backend
        return try await answers.value(String(decoding: WireJSON.encode(query), as: UTF8.self), now: now) {
            try await backend.stats(query)
        }
    }
}
