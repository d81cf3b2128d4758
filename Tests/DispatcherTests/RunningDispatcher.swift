import Dispatcher
import Logging

/// A real dispatcher on a loopback tcp port, for tests that use real sockets.
struct RunningDispatcher {
    let service: DispatcherService
    let task: Task<Void, any Error>
    let endpoint: String

    static func start(endpoint: String = "tcp://127.0.0.1:0", durable: DurableOptions? = nil, events: String? = nil,
                      maxMessageSize: Int64? = nil,
                      _ configure: (inout BrokerConfiguration) -> Void = { _ in }) async throws -> RunningDispatcher {
        var options = DispatcherOptions(endpoint: endpoint)
        options.durable = durable
        options.eventsEndpoint = events
        if let maxMessageSize { options.maxMessageSize = maxMessageSize }
        options.broker.heartbeatInterval = .milliseconds(200)
        configure(&options.broker)
        var logger = Logger(label: "test.dispatcher")
        logger.logLevel = .warning
        let service = try DispatcherService(options: options, logger: logger)
        let task = Task { try await service.run() }
        let bound = try await service.endpoint()
        return RunningDispatcher(service: service, task: task, endpoint: bound)
    }

    func stop() async throws {
        service.stop()
        try await task.value
    }
}
