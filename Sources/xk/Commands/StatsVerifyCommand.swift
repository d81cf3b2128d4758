import ArgumentParser
import Coordinator
import MajordomoPeers
import XungKich
import XungKichWire
import ZeroMQ

/// `xk stats verify`: recounts from the dispatchers' journals and compares with the coordinator.
struct StatsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recount from the dispatchers' journals (xk.events) and report any difference from the coordinator's figures.")

    @Option(help: "The coordinator's endpoint (default: $XK_COORDINATOR, the settings file, or tcp://127.0.0.1:5570).")
    var coordinator = Settings.value(.coordinator, default: "tcp://127.0.0.1:5570")
    @Option(help: "District configuration file (repeat, in --dispatcher order).") var config: [String]
    @Option(help: "Dispatcher endpoints, comma-separated, in --config order.") var dispatcher: String
    /// With keys: as `officer` unless --identity says otherwise. The recount reads each dispatcher's `xk.events`,
    /// which only officer and coordinator keys may; a viewer key could ask the coordinator but not the journals.
    @OptionGroup var key: KeyOptions

    func validate() throws {
        guard config.count == dispatcher.split(separator: ",").count else {
            throw ValidationError("give one --dispatcher endpoint per --config file")
        }
    }

    func run() async throws {
        // The recount folds every event from sequence 0 with the coordinator's own engine, in memory.
        let recount = try await StatsEngine(store: SQLiteFactStore())
        let endpoints = dispatcher.split(separator: ",").map(String.init)
        let dispatcherKeys = try key.dispatcherIdentities(count: config.count)
        for (index, (path, endpoint)) in zip(config, endpoints).enumerated() {
            let district = try DistrictConfig.load(path: path).district.code
            let curve = try key.clientKeys(defaultIdentity: "officer", server: dispatcherKeys[index])
            let events = try await Self.journal(endpoint: endpoint, district: district, curve: curve)
            try await recount.apply(events)
            print(Say.recounted(district, events: events.count, from: endpoint))
        }
        var differences: [StatsDifference] = []
        for dimension in [StatsDimension.ward, .outcome] {
            let theirs = try await CoordinatorQuery.call(
                coordinator, StatsQueryMessage(report: .stats, by: dimension), as: StatsAnswer.self,
                curve: try key.clientKeys(defaultIdentity: "officer", server: "coordinator")).rows
            differences += StatsDifference.between(journals: await recount.stats(StatsRequest(groupBy: dimension)),
                                                   coordinator: theirs, dimension: dimension)
        }
        if differences.isEmpty {
            print(Say.noDifference)
        } else {
            differences.forEach { print($0) }
            throw ExitCode(1)
        }
    }

    /// Every event of a dispatcher's journal; its refusals and unreadable answers as ``CLIError``.
    private static func journal(endpoint: String, district: String,
                                curve: CurveClientKeys?) async throws -> [CoordinatorEvent] {
        var options = MajordomoClient.Options()
        options.curve = curve
        let client = try MajordomoClient(endpoint: endpoint, options: options)
        defer { client.close() }
        do {
            return try await DispatcherEvents.all(from: client, district: district)
        } catch let error as WireError where error.code == .malformed || error.code == .duplicateKey {
            throw CLIError.unexpectedReply(service: "\(DispatcherEvents.service) at \(endpoint)", problem: error)
        } catch let error as WireError {
            throw CLIError.refused(error)
        }
    }
}
