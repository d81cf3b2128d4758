import ArgumentParser
import Logging
import ServiceLifecycle
import TeamPage
import WardWorker
import XungKich

/// `xk worker`: a ward's worker process.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a ward's worker: receive the ward's help requests, assign them to teams, track each case to its outcome.",
        discussion: """
            Registers ward.<code> at the dispatcher and keeps its own case store (DATA/cases.sqlite), so a restart \
            loses nothing. Team members use `xk cases` and `xk case …` against this process (--control), which \
            keeps working while the dispatcher is away.
            """)

    @Option(help: "District configuration file (YAML; default: $XK_CONFIG or the settings file).")
    var config = Settings.value(.config) ?? ""
    @Option(help: "The ward's GSO code, e.g. 00286 for Bạch Mai; several, comma-separated, for communes sharing one server (one process, a case store and control endpoint each).")
    var ward: String
    @Option(help: "The dispatcher's endpoint (default: $XK_DISPATCHER, the settings file, or tcp://127.0.0.1:5555).")
    var dispatcher = Settings.value(.dispatcher, default: "tcp://127.0.0.1:5555")
    @Option(help: "Folder for the case store (default data/ward-<code>); with several wards, the folder holding one ward-<code> each.") var data: String?
    @Option(help: "Endpoint for team members' commands (default ipc:///tmp/xk-ward-<code>.ipc); with several wards an ipc prefix, each ward's being PREFIX-<code>.ipc.") var control: String?
    @Flag(help: "Play the ward's teams: accept, contact and resolve cases with random timings and a plausible outcome mix.")
    var simulate = false
    @Option(help: "With --simulate: mean seconds between a case's steps.") var simulateStepSeconds = 2.0
    @Option(help: "With --simulate: outcome mix as OUTCOME=WEIGHT,… (default SUBMITTED_FULL_ONLINE=40,SUBMITTED_PARTIAL_ONLINE=15,VNEID_ONLY=13,GUIDED_ONLY=8,REFERRED_POLICE_VNEID=5,REFERRED_ONE_STOP=4,FAILED=15).")
    var simulateOutcomes: String?
    @Option(help: "Serve the team page (team members log in from their phones) on HOST:PORT, e.g. 0.0.0.0:8286 on the ward's Wi-Fi. Members: xk team member add.")
    var http: String?
    @Option(help: "Days after a case is resolved before the citizen's name, phone and the notes are erased (a sweep at start and daily).")
    var retentionDays = 30
    @OptionGroup var key: KeyOptions
    @OptionGroup var metrics: MetricsOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        if codes.count > 1 {
            guard http == nil else { throw ValidationError("--http serves one ward's team page: give one --ward with it") }
            if let control, !control.hasPrefix("ipc://") { throw ValidationError("with several wards, --control is an ipc:// prefix") }
        }
        if let http, TeamPageApp.Options(address: http) == nil {
            throw ValidationError("--http \(http) is not HOST:PORT, e.g. 0.0.0.0:8286")
        }
        guard !config.isEmpty else { throw ValidationError("give --config FILE (or set XK_CONFIG)") }
        guard retentionDays >= 0 else { throw ValidationError("--retention-days must be 0 or more") }
        guard simulateStepSeconds >= 0 else { throw ValidationError("--simulate-step-seconds must be ≥ 0") }
        try Self.validateOutcomeMix(simulateOutcomes)
    }

    /// Checks an `--simulate-outcomes` value (also `xk demo`'s, which hands it to its workers).
    static func validateOutcomeMix(_ text: String?) throws {
        guard let text else { return }
        do {
            _ = try TeamSimulator.parseOutcomes(text)
        } catch {
            throw ValidationError("--simulate-outcomes: \(error)")
        }
    }

    /// The wards this process serves.
    var codes: [String] { ward.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() async throws {
        if codes.count > 1 { return try await runSeveral() }
        let logger = log.bootstrap(label: "xk.worker.\(ward)")
        let district: DistrictConfig
        do {
            district = try DistrictConfig.load(path: config)
        } catch {
            throw CLIError.refused("\(error)")
        }
        guard district.ward(code: ward) != nil else {
            throw ValidationError("\(ward) is not a ward of \(district.district.name) in \(config); wards: "
                + district.wards.map { "\($0.code) \($0.name)" }.joined(separator: ", "))
        }
        let code = WardCode(ward)
        var options = WardApp.Options(ward: code, dispatcher: dispatcher, dataDirectory: data ?? "data/ward-\(ward)",
                                      control: control ?? WardApp.controlEndpoint(ward: code))
        options.curve = try key.clientKeys(defaultIdentity: "ward-\(ward)")
        options.retentionDays = retentionDays
        if let http, let page = TeamPageApp.Options(address: http) {
            let (config, ward) = (district, code)
            options.alongside.append { book in
                TeamPageApp.build(book: book, config: config, ward: ward, options: page, logger: logger)
            }
        }
        if let served = try metrics.start(logger: logger) {
            options.metrics = served.factory
            options.alongside.append { _ in served.server }
        }
        if simulate {
            let mix = try simulateOutcomes.map(TeamSimulator.parseOutcomes) ?? TeamSimulator.defaultOutcomes
            options.simulate = TeamSimulator(meanStepSeconds: simulateStepSeconds, outcomes: mix)
        }
        let app = try await WardApp.build(config: district, options: options, logger: logger)
        logger.info("ward worker starting", metadata: [
            "ward": "\(ward)", "teams": "\(district.teams(inWard: ward).count)", "control": "\(options.control)",
            "simulate": "\(simulate)",
        ])
        try await app.group.runForCommand()
    }

    /// Several wards in one process (communes that share a server): each keeps its own `ward.<code>` service,
    /// case store and control endpoint, as if it ran alone; one service group stops them together.
    private func runSeveral() async throws {
        let logger = log.bootstrap(label: "xk.worker.\(codes.first ?? "")+\(codes.count - 1)")
        let district: DistrictConfig
        do {
            district = try DistrictConfig.load(path: config)
        } catch {
            throw CLIError.refused("\(error)")
        }
        let unknown = codes.filter { district.ward(code: $0) == nil }
        guard unknown.isEmpty else {
            throw ValidationError("\(unknown.joined(separator: ", ")) not a ward of \(district.district.name) in \(config)")
        }
        let mix = try simulateOutcomes.map(TeamSimulator.parseOutcomes) ?? TeamSimulator.defaultOutcomes
        var services: [any Service] = []
        // One /metrics for the process; each ward's figures carry its ward label.
        let served = try metrics.start(logger: logger)
        if let served { services.append(served.server) }
        for code in codes {
            let ward = WardCode(code)
            var options = WardApp.Options(
                ward: ward, dispatcher: dispatcher, dataDirectory: "\(data ?? "data")/ward-\(code)",
                control: control.map { "\($0)-\(code).ipc" } ?? WardApp.controlEndpoint(ward: ward))
            options.curve = try key.clientKeys(defaultIdentity: "ward-\(code)")
            options.retentionDays = retentionDays
            if simulate { options.simulate = TeamSimulator(meanStepSeconds: simulateStepSeconds, outcomes: mix) }
            options.metrics = served?.factory
            services += try await WardApp.services(config: district, options: options, logger: logger).services
        }
        logger.info("ward worker starting", metadata: [
            "wards": "\(codes.joined(separator: ","))", "teams": "\(codes.reduce(0) { $0 + district.teams(inWard: $1).count })",
            "simulate": "\(simulate)",
        ])
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.runForCommand()
    }
}
