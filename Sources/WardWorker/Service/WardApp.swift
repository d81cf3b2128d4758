import CoreMetrics
import Foundation
import Logging
import MajordomoPeers
import ServiceLifecycle
import Storage
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
        /// Days after a case resolves before the citizen's name, phone and notes are erased.
        public var retentionDays = 30
        /// Where the worker's Prometheus metrics go (`--metrics`); nil measures nothing.
        public var metrics: (any MetricsFactory)?
        /// More services of the worker's group made from its case book (the team page).
        public var alongside: [@Sendable (CaseBook) -> any Service] = []

        public init(ward: WardCode, dispatcher: String, dataDirectory: String, control: String, simulate: TeamSimulator? = nil) {
            self.ward = ward
            self.dispatcher = dispatcher
            self.dataDirectory = dataDirectory
            self.control = control
            self.simulate = simulate
        }
    }

    /// A second worker binding the same ipc control endpoint would silently take it over (the first then never
    /// answers `xk cases`): an ipc endpoint is locked beside its socket file. A tcp one refuses a second bind.
    static func lockControl(_ endpoint: String, ward: WardCode) throws -> ProcessLock? {
        guard endpoint.hasPrefix("ipc://") else { return nil }
        let path = String(endpoint.dropFirst("ipc://".count)) + ".lock"
        do {
            return try ProcessLock(path: path, purpose: "xk worker --ward \(ward)")
        } catch {
            switch error {
            case .held(_, let holder):
                throw WardAppError.controlInUse(endpoint: endpoint, holder: holder)
            case .cannotCreate:
                throw error
            }
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
        // Owner-only and locked: a second worker on the same folder is refused instead of taking over.
        let folder = try DataFolder(path: options.dataDirectory, purpose: "xk worker --ward \(options.ward)")
        let controlLock = try lockControl(options.control, ward: options.ward)
        let storePath = options.dataDirectory + "/cases.sqlite"
        let keys = try PersonalDataKeyFile.loadOrCreate(directory: options.dataDirectory, store: storePath)
        let store = try CaseStore(path: storePath, keys: keys)
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
        let sweep = RetentionSweep(book: book, days: options.retentionDays, locks: [folder, controlLock],
                                   logger: logger)
        var services: [any Service] = [worker, control, sweep]
        if let factory = options.metrics {
            let teams = config.teams(inWard: options.ward.rawValue).map { TeamID(rawValue: $0.id) }
            services.append(WardMetrics(book: book, ward: options.ward, teams: teams, factory: factory))
        }
        return (services + options.alongside.map { $0(book) }, book, control)
    }
}
