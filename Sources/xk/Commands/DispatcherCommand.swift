import ArgumentParser
import Dispatcher
import Foundation
import Logging
import Security
import XungKich

/// `xk dispatcher`: the district's Majordomo broker.
struct DispatcherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatcher",
        abstract: "Run a district's dispatcher (a Majordomo broker) until SIGTERM or SIGINT.",
        discussion: """
            Clients and ward workers connect to one ZeroMQ ROUTER endpoint. The dispatcher speaks MDP/0.2 \
            (RFC 18), majortomo 0.2.0's dialect and MDP/0.1, telling them apart per message. Wards are \
            served under 'ward.<GSO code>', e.g. ward.00286 for Bạch Mai.
            """
    )

    @Option(help: "District configuration file (YAML), e.g. config/hai-ba-trung.yaml (default: $XK_CONFIG or the settings file).")
    var config = Settings.value(.config) ?? ""

    @Option(help: "ZeroMQ endpoint to bind for clients and workers.")
    var endpoint = "tcp://127.0.0.1:5555"

    @Option(help: "Folder for the journal (journal.sqlite). With it the dispatcher takes durable help requests (xk.submit, xk.status, xk.admin); without it, it is a plain Majordomo broker.")
    var data: String?

    @Option(help: "PUB endpoint for live journal events (with --data), e.g. tcp://127.0.0.1:5556. Followers catch up with the xk.events service.")
    var events: String?

    @Option(help: "Deliveries of one help request before it goes to the needs-attention list (with --data).")
    var maxAttempts = 5

    @Option(help: "Seconds without any worker for a ward before its requests are offered to neighbouring wards.")
    var overflowAfterNoWorker = 300.0

    @Option(help: "Age in seconds of a ward's oldest waiting request at which its requests are offered to neighbours.")
    var overflowAge = 1800.0

    @Option(help: "Seconds after which an ordinary waiting request is served like a priority one (no request starves).")
    var agingThreshold = 600.0

    @Option(help: "SQLite synchronous mode for the journal: FULL (fsync every commit) or NORMAL.")
    var synchronous = "FULL"

    @Option(help: "Seconds between heartbeats to workers.")
    var heartbeatInterval = 2.5

    @Option(help: "Missed heartbeats after which an idle worker is considered dead.")
    var heartbeatLiveness = 3

    @Option(help: "Seconds a busy worker that does not heartbeat may stay silent before its request goes to another worker.")
    var busyTimeout = 6 * 3600.0

    @Option(help: "Seconds a request may wait for a worker before it is dropped.")
    var requestExpiry = 300.0

    @Option(help: "Deliveries of one request (first + redeliveries after worker failures) before it is abandoned.")
    var maxDeliveries = 5

    @Option(help: "Largest accepted message in bytes: a larger frame disconnects its sender, a larger multipart message is dropped.")
    var maxMessageSize = 4 << 20

    @Option(help: "Days after a request is resolved, closed or cancelled before the citizen's name, phone and note are erased (a sweep at start and daily; the statistics keep their pseudonym).")
    var retentionDays = 30

    @Option(help: .hidden) var spinMicroseconds = 200
    @Option(help: .hidden) var spinMaxOutstanding = 4

    @OptionGroup var key: KeyOptions

    @Flag(help: "Listen beyond loopback without keys (a test bench only: anyone on the network could pose as a ward).")
    var insecure = false

    @OptionGroup var metrics: MetricsOptions

    @OptionGroup var log: LogOptions

    func validate() throws {
        guard !config.isEmpty else { throw ValidationError("give --config FILE (or set XK_CONFIG)") }
        if events != nil && data == nil { throw ValidationError("--events needs --data: events come from the journal") }
        if metrics.address != nil && data == nil {
            throw ValidationError("--metrics needs --data: the metrics are the journal's requests, queues and wards")
        }
        guard heartbeatInterval > 0 else { throw ValidationError("--heartbeat-interval must be positive") }
        guard heartbeatLiveness >= 1 else { throw ValidationError("--heartbeat-liveness must be at least 1") }
        guard busyTimeout > 0, requestExpiry > 0 else {
            throw ValidationError("--busy-timeout and --request-expiry must be positive")
        }
        guard maxDeliveries >= 1 else { throw ValidationError("--max-deliveries must be at least 1") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard ["FULL", "NORMAL"].contains(synchronous) else { throw ValidationError("--synchronous must be FULL or NORMAL") }
        guard retentionDays >= 0 else { throw ValidationError("--retention-days must be 0 or more") }
        guard maxMessageSize >= 1024 else { throw ValidationError("--max-message-size must be at least 1024") }
    }

    func run() async throws {
        let logger = log.bootstrap(label: "xk.dispatcher")
        let district: DistrictConfig
        do {
            district = try DistrictConfig.load(path: config)
        } catch {
            throw CLIError.refused("\(error)")
        }
        var options = DispatcherOptions(endpoint: endpoint)
        options.broker.heartbeatInterval = .seconds(heartbeatInterval)
        options.broker.heartbeatLiveness = heartbeatLiveness
        options.broker.busyWorkerTimeout = .seconds(busyTimeout)
        options.broker.requestExpiry = .seconds(requestExpiry)
        options.broker.maxDeliveries = maxDeliveries
        options.maxMessageSize = Int64(maxMessageSize)
        // For measuring the loop's spin policy with and without (`xk bench standard`, mdpload's bench.sh).
        options.spin = .microseconds(max(0, spinMicroseconds))
        options.spinMaxInFlight = spinMaxOutstanding
        if let data {
            let prepared: DispatcherApp.PreparedDataFolder
            do {
                prepared = try DispatcherApp.prepareDataFolder(data)
            } catch {
                throw CLIError.refused("\(error)")
            }
            var durable = DurableOptions(dataDirectory: data, districtCode: district.district.code,
                                         validate: HelpRequestIntake.validator(for: district, pseudonyms: prepared.pseudonyms))
            durable.prepared = prepared
            durable.retentionDays = retentionDays
            let layout = district
            durable.unitOf = { code, time, jurisdiction in layout.filedUnit(code: code, at: time, jurisdiction: jurisdiction)?.key }
            durable.successorOf = UnitMove.plan(layout)
            durable.desk.maxAttempts = maxAttempts
            durable.desk.overflowAfterNoWorker = overflowAfterNoWorker
            durable.desk.overflowAge = overflowAge
            durable.desk.agingThreshold = agingThreshold
            durable.desk.neighbours = Dictionary(uniqueKeysWithValues: district.wards.map {
                (WardCode($0.code), $0.neighbours.map(WardCode.init))
            })
            durable.desk.wards = Set(district.wards.map { WardCode($0.code) })
            durable.synchronous = synchronous
            options.durable = durable
            options.eventsEndpoint = events
        }
        if let (keyPair, registry) = try key.serving(defaultIdentity: "dispatcher", logger: logger) {
            options.security = DispatcherSecurity(keyPair: keyPair, registry: registry)
        } else {
            try KeyOptions.refuseOpenDoor([endpoint] + (events.map { [$0] } ?? []), insecure: insecure,
                                          exposes: "pose as a ward and read citizens' phones")
        }
        logger.info("district loaded", metadata: [
            "district": "\(district.district.code) \(district.district.name)",
            "wards": "\(district.wards.count)", "teams": "\(district.teams.count)",
        ])
        let served = try metrics.start(logger: logger)
        options.metrics = served?.factory
        let (group, _) = try DispatcherApp.build(options: options, logger: logger, alongside: served.map { [$0.server] } ?? [])
        try await group.runForCommand()
    }
}
