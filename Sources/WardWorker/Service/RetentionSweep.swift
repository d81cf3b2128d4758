import Logging
import ServiceLifecycle
import Storage

/// The ward's daily retention sweep: at start, then every day, the personal data of cases resolved more than
/// `days` ago is erased. It also holds the worker's locks (data folder, control endpoint) while it runs.
public struct RetentionSweep: Service {
    let book: CaseBook
    let days: Int
    let locks: [(any Sendable)?]
    let logger: Logger

    public init(book: CaseBook, days: Int, locks: [(any Sendable)?], logger: Logger) {
        self.book = book
        self.days = days
        self.locks = locks
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let erased = try await book.purge(days: days, who: "retention sweep")
                    if !erased.isEmpty { logger.info("retention sweep", metadata: ["erased": "\(erased.count)"]) }
                } catch {
                    logger.error("retention sweep failed; tried again in a day or at restart", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(86_400))
            }
        }
        withExtendedLifetime(locks) {}
    }
}
