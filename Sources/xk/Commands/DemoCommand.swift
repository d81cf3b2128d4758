import ArgumentParser
import Demo
import Foundation

/// `xk demo`: the whole system on this machine, fed made-up help requests, with a live per-ward table.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a district's dispatcher, its ward workers (simulated teams) and a coordinator, feed them help requests and show a live table per ward.",
        discussion: """
            Every part runs as its own process of this binary, talking over ipc:// sockets in a temporary folder \
            that also holds their data and logs (printed at start; removed at the end unless --keep or something \
            failed). Requests are made up: mostly anonymous, the rest with invented names and numbers, never printed. \
            Stops after --duration seconds, or on Ctrl-C (SIGINT) or SIGTERM: the feed stops, open cases get up to \
            --settle seconds, the final table is printed and every process is stopped. Give --config twice \
            (e.g. config/hai-ba-trung.yaml and config/me-linh.yaml) to run two districts into one coordinator.
            """)

    @Option(help: "District configuration file; repeat for several districts.")
    var config: [String] = ["config/hai-ba-trung.yaml"]
    @Option(help: "Help requests submitted per second, over all districts.") var rate = 20.0
    @Option(help: "Seconds to feed requests before stopping by itself (default: until Ctrl-C).") var duration: Double?
    @Option(help: "Seconds, after the feed stops, to wait for open cases to reach their outcomes.") var settle = 5.0
    @Option(help: "Seconds between refreshes of the table.") var refresh = 1.0
    @Option(help: "Mean seconds between a simulated case's steps (3–5 steps per case).") var simulateStepSeconds = 0.5
    @Option(help: "Outcome mix of the simulated teams, OUTCOME=WEIGHT,… (see `xk worker --help`).") var simulateOutcomes: String?
    @Option(help: "Seconds each process may take to become ready.") var startTimeout = 60.0
    @Flag(help: "Keep the temporary folder (data, logs) after a clean run.") var keep = false
    @Flag(inversion: .prefixedNo, help: "Run every process with a throwaway key set (CurveZMQ on every connection, each message authorized by role); --no-keys runs plaintext, to compare.")
    var keys = true
    @Option(help: "HOST:PORT for the demo's dashboard (`xk web`); port 0 picks a free one. The URL and a throwaway viewer login are printed.")
    var web = "127.0.0.1:0"
    @Flag(help: "Do not start the dashboard.") var noWeb = false
    @Option(help: "Hours an open request may take before the dashboard lists it as past the SLA (small values fill the needs-attention page in a short demo).")
    var slaHours = 72.0
    @Option(help: "Units one `xk worker` process serves (communes sharing a server); 1 runs a process per unit. E.g. 8 runs Hà Nội's 126 units in 16 worker processes.")
    var unitsPerWorker = 1
    @Option(help: "Only these units, comma-separated codes (e.g. 00256,00292); default every unit of the configs.")
    var units: String?
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard rate > 0, rate <= 1000 else { throw ValidationError("--rate must be above 0 and at most 1000 per second") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        guard settle >= 0 else { throw ValidationError("--settle must be ≥ 0") }
        guard refresh >= 0.2 else { throw ValidationError("--refresh must be at least 0.2 s") }
        guard simulateStepSeconds >= 0 else { throw ValidationError("--simulate-step-seconds must be ≥ 0") }
        guard slaHours > 0, slaHours.isFinite else { throw ValidationError("--sla-hours must be a positive number") }
        guard startTimeout > 0 else { throw ValidationError("--start-timeout must be positive") }
        guard unitsPerWorker >= 1 else { throw ValidationError("--units-per-worker must be at least 1") }
        try WorkerCommand.validateOutcomeMix(simulateOutcomes)
    }

    func run() async throws {
        var options = DemoApp.Options()
        options.configs = config
        options.rate = rate
        options.duration = duration
        options.settle = settle
        options.refresh = refresh
        options.stepSeconds = simulateStepSeconds
        options.outcomes = simulateOutcomes
        options.keep = keep
        options.startTimeout = startTimeout
        options.keys = keys
        options.web = noWeb ? nil : web
        options.slaHours = slaHours
        options.unitsPerWorker = unitsPerWorker
        options.vietnamese = Say.vietnamese
        options.units = units.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        try await DemoApp.build(options: options, logger: log.bootstrap(label: "xk.demo")).run()
    }
}
