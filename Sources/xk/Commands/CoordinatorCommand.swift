import ArgumentParser
import Coordinator
import XungKich

/// `xk coordinator`: follows the district dispatchers' events into the statistics store.
struct CoordinatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Follow district dispatchers' events and keep the uptake statistics (`xk stats` asks it).",
        discussion: """
            Give one --config per district, and the dispatchers and their event endpoints in the same order \
            (comma-separated). On start, and whenever it sees a gap in a district's sequence numbers, it asks \
            the dispatcher (xk.events) for what it missed; duplicates are ignored. If the statistics endpoint \
            cannot be opened or the events cannot be followed, it stops and says why (exit status 1).
            """)

    @Option(help: "District configuration file (repeat for several districts).") var config: [String]
    @Option(help: "Dispatcher endpoints, comma-separated, in --config order.") var dispatcher: String
    @Option(help: "Dispatchers' event endpoints (their --events), comma-separated, in --config order.") var events: String
    @Option(help: "Statistics store: sqlite:PATH (embedded, the default) or postgres://user:password@host:port/db (a whole city).")
    var store = "sqlite:data/coordinator.sqlite"
    @Option(help: "Endpoint for `xk stats`. With --keys it is CURVE-encrypted and answers only viewer, officer and coordinator keys.")
    var endpoint = "tcp://127.0.0.1:5570"
    @OptionGroup var key: KeyOptions
    @Flag(help: "Listen beyond loopback without keys (a test bench only: anyone on the network could read the statistics and replace the official baseline).")
    var insecure = false
    @OptionGroup var metrics: MetricsOptions

    @OptionGroup var log: LogOptions

    func validate() throws {
        let counts = [config.count, dispatcher.split(separator: ",").count, events.split(separator: ",").count]
        guard Set(counts).count == 1 else {
            throw ValidationError("give as many --dispatcher and --events endpoints as --config files (got \(counts))")
        }
        do {
            _ = try FactStoreLocation(parsing: store)
        } catch {
            throw ValidationError("--store: \(error)")
        }
    }

    func run() async throws {
        let logger = log.bootstrap(label: "xk.coordinator")
        let dispatchers = dispatcher.split(separator: ",").map(String.init)
        let eventEndpoints = events.split(separator: ",").map(String.init)
        var sources: [CoordinatorCore.Source] = []
        var layouts: [String: DistrictConfig] = [:]
        // With keys, the coordinator follows every dispatcher as `coordinator` (one key folder for all of them),
        // each checked against its own public key (--dispatcher-key, in --config order).
        let dispatcherKeys = try key.dispatcherIdentities(count: config.count)
        for (index, path) in config.enumerated() {
            let curve = try key.clientKeys(defaultIdentity: "coordinator", server: dispatcherKeys[index])
            let district: DistrictConfig
            do {
                district = try DistrictConfig.load(path: path)
            } catch {
                throw CLIError.refused("\(error)")
            }
            layouts[district.district.code] = district
            sources.append(.init(district: district.district.code, dispatcher: dispatchers[index],
                                 events: eventEndpoints[index], curve: curve))
        }
        var options = CoordinatorApp.Options(sources: sources, store: try FactStoreLocation(parsing: store),
                                             endpoint: endpoint)
        let known = layouts
        // A district's facts may come from a dispatcher that ran an earlier layout's file: any loaded file that
        // knows the district's units places them.
        options.unitOf = { district, code, at in
            let layouts = known[district].map { [$0] } ?? Array(known.values)
            return layouts.lazy.compactMap { $0.filedUnit(code: code, at: at, jurisdiction: district)?.key.text }.first
        }
        if let (keyPair, registry) = try key.serving(defaultIdentity: "coordinator", logger: logger) {
            options.security = StatsSecurity(keyPair: keyPair, registry: registry)
        } else {
            try KeyOptions.refuseOpenDoor([endpoint], insecure: insecure,
                                          exposes: "read the statistics and replace the official baseline")
        }
        if let served = try metrics.start(logger: logger) {
            options.metrics = served.factory
            options.alongside.append(served.server)
        }
        let (group, _, _) = try await CoordinatorApp.build(options: options, logger: logger)
        try await group.runForCommand()
    }
}
