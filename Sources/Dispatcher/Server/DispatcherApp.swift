import Logging
import ServiceLifecycle

/// Builds the dispatcher process the way the CLI runs it and tests start it: a `ServiceGroup` that
/// stops on SIGTERM/SIGINT, plus a handle on the dispatcher to read its endpoint.
public enum DispatcherApp {
    /// `alongside` are more services of the process (the metrics listener), stopped with the dispatcher.
    public static func build(options: DispatcherOptions, logger: Logger, alongside: [any Service] = [])
        throws -> (group: ServiceGroup, dispatcher: DispatcherService)
    {
        let dispatcher = try DispatcherService(options: options, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: ([dispatcher] + alongside).map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        return (group, dispatcher)
    }
}
