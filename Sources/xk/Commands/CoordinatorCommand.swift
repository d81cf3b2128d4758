import ArgumentParser
import Foundation
import Coordinator
import Logging
import ServiceLifecycle
import XungKich

/// `xk coordinator`: follows the district dispatchers' events into the statistics store.
struct CoordinatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Follow district dispatchers' events and keep the uptake statistics (`xk stats` asks it).",
        discussion: """
            Give one --config per district, and the dispatchers and their event endpoints in the same order \
            (comma-separated). On start, and whenever it sees a gap in a district's sequence numbers, it asks \
            the dispatcher (xk.events) for what it missed; duplicates are ignored.
            """)

    @Option(help: "District configuration file (repeat for several districts).") var config: [String]
    @Option(help: "Dispatcher endpoints, comma-separated, in --config order.") var dispatcher: String
    @Option(help: "Dispatchers' event endpoints (their --events), comma-separated, in --config order.") var events: String
    @Option(help: "Statistics store: sqlite:PATH (embedded, the default) or postgres://user:password@host:port/db (a whole city).")
    var store = "sqlite:data/coordinator.sqlite"
    @Option(help: "Endpoint for `xk stats`.") var endpoint = "tcp://127.0.0.1:5570"
    @OptionGroup var log: LogOptions

    private var isPostgres: Bool { store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") }

    func validate() throws {
        let counts = [config.count, dispatcher.split(separator: ",").count, events.split(separator: ",").count]
        guard Set(counts).count == 1 else {
            throw ValidationError("give as many --dispatcher and --events endpoints as --config files (got \(counts))")
        }
        guard store.hasPrefix("sqlite:") || isPostgres else {
            throw ValidationError("--store must be sqlite:PATH or postgres://user:password@host:port/database")
        }
    }

    func run() async throws {
        let logger = log.bootstrap(label: "xk.coordinator")
        var sources: [CoordinatorCore.Source] = []
        for (index, path) in config.enumerated() {
            let district: DistrictConfig
            do {
                district = try DistrictConfig.load(path: path)
            } catch {
                throw ValidationError("\(error)")
            }
            sources.append(.init(district: district.district.code,
                                 dispatcher: String(dispatcher.split(separator: ",")[index]),
                                 events: String(events.split(separator: ",")[index])))
        }
        let started = ContinuousClock.now
        let factStore: any FactStore
        let postgres: PostgresFactStore?
        let storeName: String
        if isPostgres {
            do {
                let url = try PostgresStoreURL(store)
                let connected = try await PostgresFactStore.connect(url: url, logger: logger)
                postgres = connected
                factStore = connected
                storeName = url.redacted
            } catch {
                throw ValidationError("\(error)")
            }
        } else {
            let path = String(store.dropFirst("sqlite:".count))
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            factStore = try SQLiteFactStore(path: path)
            postgres = nil
            storeName = path
        }
        let engine = try await StatsEngine(store: factStore)
        let loaded = await engine.factCount
        logger.info("statistics loaded", metadata: [
            "requests": "\(loaded)", "seconds": "\((ContinuousClock.now - started).components.seconds)",
        ])
        let service = try await CoordinatorService(engine: engine, sources: sources, endpoint: endpoint, logger: logger)
        logger.info("coordinator starting", metadata: [
            "districts": "\(sources.map(\.district).joined(separator: ","))", "store": "\(storeName)", "endpoint": "\(endpoint)",
        ])
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await postgres?.close()
    }
}
