import Foundation
import XungKichWire

/// The coordinator's answers for a couple of seconds: fifty phones refreshing the dashboard cost the
/// coordinator one query per figure, not fifty; callers arriving while a query runs wait for that one.
actor AnswerCache {
    private var entries: [String: (at: Double, task: Task<StatsAnswer, any Error>)] = [:]
    private let backend: any WebBackend
    let seconds: Double

    init(backend: any WebBackend, seconds: Double = 2) {
        self.backend = backend
        self.seconds = seconds
    }

    func stats(_ query: StatsQueryMessage) async throws -> StatsAnswer {
        let key = String(decoding: WireJSON.encode(query), as: UTF8.self)
        let now = Date().timeIntervalSince1970
        if let entry = entries[key], now - entry.at < seconds { return try await entry.task.value }
        let backend = backend
        let task = Task { try await backend.stats(query) }
        entries[key] = (now, task)
        if entries.count > 256 { entries = entries.filter { now - $0.value.at < seconds } }
        do {
            return try await task.value
        } catch {
            // A failed answer is not kept: the next page asks again.
            if entries[key]?.at == now { entries[key] = nil }
            throw error
        }
    }
}
