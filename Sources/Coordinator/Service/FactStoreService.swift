import ServiceLifecycle

/// Holds the fact store open while the coordinator runs and closes it when the group stops. First in the
/// group, so it is shut down last: after the follower's last commit and the endpoint's last answer.
final class FactStoreService: Service, Sendable {
    private let close: @Sendable () async -> Void

    init(close: @escaping @Sendable () async -> Void) {
        self.close = close
    }

    func run() async throws {
        // Cancelled instead of shut down gracefully: close all the same.
        try? await gracefulShutdown()
        await close()
    }
}
