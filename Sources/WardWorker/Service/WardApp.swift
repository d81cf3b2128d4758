import Foundation
import Logging
import MajordomoPeers
import ServiceLifecycle
import XungKich
import ZeroMQ

/// Builds a ward's worker process the way `xk worker` runs it and tests start it: the Majordomo worker
/// for `ward.<code>`, the team members' control endpoint, and (with `simulate`) the simulated teams,
/// in one `ServiceGroup` that stops on SIGTERM/SIGINT.
public enum WardApp {
    public struct Options: Sendable {
        public var ward: WardCode
        public var dispatcher: String
        public var dataDirectory: String
        public var control: String
        public var simulate: TeamSimulator?
        /// Cases the worker holds at once (its READY credit).
        public var capacity = 1024
        /// With keys: the ward's key pair and the dispatcher's public key (CurveZMQ).
        public var curve: CurveClientKeys?

        public init(ward: WardCode, dispatcher: String, dataDirectory: String, control: String, simulate: TeamSimulator? = nil) {
            self.ward = ward
            self.dispatcher = dispatcher
            self.dataDirectory = dataDirectory
            self.control = control
            self.simulate = simulate
        }
    }

    /// The default control endpoint of a ward's worker, so `xk cases --ward 00286` finds it.
    public static func controlEndpoint(ward: WardCode) -> String { "ipc:///tmp/xk-ward-\(ward).ipc" }

    public static func build(config: DistrictConfig, options: Options, logger: Logger)
        async throws -> (group: ServiceGroup, book: CaseBook, control: RequestServer)
    {
        let parts = try await services(config: config, options: options, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: parts.services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        return (group, parts.book, parts.control)
    }

    /// The worker's services without a group of their own, for a process that runs several wards
    /// (`xk demo`).
    public static func services(config: DistrictConfig, options: Options, logger: Logger)
        async throws -> (services: [any Service], book: CaseBook, control: RequestServer)
    {
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        let store = try CaseStore(path: options.dataDirectory + "/cases.sqlite")
        let book = try CaseBook(config: config, ward: options.ward, store: store, logger: logger)
        var workerOptions = MajordomoWorker.Options()
        workerOptions.concurrency = min(options.capacity, 1024)
        workerOptions.curve = options.curve
        let worker = try MajordomoWorker(endpoint: options.dispatcher, service: WardService.string(options.ward),
                                         options: workerOptions, logger: logger) { request in
            await book.deliver(request)
        }
        let control = try RequestServer(endpoint: options.control, logger: logger) { body in
            await TeamCommands.handle(body, book: book)
        }
        if let simulator = options.simulate {
            await book.onOpen { id in Task { await simulator.play(id, book: book) } }
            for id in await book.openIDs { Task { await simulator.play(id, book: book) } }
        }
        return ([worker, control], book, control)
    }
}
