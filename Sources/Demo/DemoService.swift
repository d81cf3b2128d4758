import Coordinator
import Foundation
import Logging
import PageKit
import Web
import ServiceLifecycle
import XungKich

/// `xk demo` as a service: starts a district's dispatcher, its ward workers in simulate mode and a
/// coordinator as child processes of this binary, feeds help requests, shows the live table, and on
/// `--duration` expiry, SIGINT or SIGTERM stops the feed, lets open cases settle, prints the final table and
/// stops every child (coordinator, then workers, then dispatchers). Children are stopped on every way out,
/// start-up failures included.
struct DemoService: Service {
    /// What the command line decided.
    struct Settings: Sendable {
        /// Districts with the absolute path of their configuration file.
        var districts: [(path: String, config: DistrictConfig)]
        /// The xk executable the children run.
        var executable: String
        /// Temporary folder for data, sockets and logs.
        var folder: String
        /// The throwaway keys every process runs with (in `folder`/keys); nil with --no-keys.
        var keys: DemoKeys?
        var rate: Double
        var duration: Double?
        var settle: Double
        var refresh: Double
        var stepSeconds: Double
        var outcomes: String?
        var keep: Bool
        var startTimeout: Double
        /// HOST:PORT of the dashboard; nil for none.
        var web: String?
        var slaHours: Double
        /// Units one worker process serves (communes that share a server); 1: a process per unit.
        var unitsPerWorker = 1
        /// Speak Vietnamese on the screen (`XK_LANG=vi`).
        var vietnamese = false
    }

    let settings: Settings
    let logger: Logger

    private var coordinatorEndpoint: String { "ipc://\(settings.folder)/coordinator.ipc" }
    private func dispatcherEndpoint(_ code: String) -> String { "ipc://\(settings.folder)/d-\(code).ipc" }
    private func eventsEndpoint(_ code: String) -> String { "ipc://\(settings.folder)/e-\(code).ipc" }

    func run() async throws {
        let processes = DemoProcesses(executable: settings.executable)
        let sections = settings.districts.map { district in
            WardTable.Section(code: district.config.district.code, title: district.config.district.name,
                              units: district.config.wards.map { .init(code: $0.code, name: $0.name) })
        }
        let screen = DemoScreen(sections: sections, vietnamese: settings.vietnamese)
        let keys = settings.keys
        let stats = DemoStats(endpoint: coordinatorEndpoint, wantsOverall: sections.count > 1,
                              curve: try keys?.statsReader())
        let feeder = DemoFeeder(targets: try settings.districts.map { district throws(DemoError) in
            let code = district.config.district.code
            return .init(config: district.config, endpoint: dispatcherEndpoint(code), curve: try keys?.feeder(code))
        }, rate: settings.rate)
        screen.note(screen.words.folder(settings.folder))
        if let keys {
            screen.note(screen.words.keys(keys.folder.path))
        } else {
            screen.note(screen.words.noKeys)
        }

        // Start-up and the live phase end early on SIGINT/SIGTERM (cancellation); the rest always runs.
        let clock = ContinuousClock()
        let startedAt = SendableBox(clock.now)
        let stoppedAt = SendableBox(clock.now)
        let startup: DemoError? = await cancelWhenGracefulShutdown { () async -> DemoError? in
            do throws(DemoError) {
                try await self.startChildren(processes, screen: screen, stats: stats)
            } catch {
                return error
            }
            startedAt.value = clock.now
            await self.live(processes: processes, screen: screen, stats: stats, feeder: feeder, since: clock.now)
            stoppedAt.value = clock.now
            return nil
        }

        var problems: [String] = []
        if case .interrupted? = startup {
            screen.note(screen.words.interrupted)
        } else if let startup {
            problems.append("start-up failed: \(startup)")
        } else {
            // Let the cases in flight reach their outcomes, then show the final figures.
            let settleEnd = clock.now + .seconds(settings.settle)
            var snapshot = await stats.fetch()
            while clock.now < settleEnd, snapshot.map({ $0.open > 0 }) ?? true {
                await frame(screen, processes: processes, feeder: feeder, stats: snapshot, since: startedAt.value,
                            until: stoppedAt.value, phase: "settling: feed stopped, waiting for open cases", plain: false)
                await DemoPause.seconds(0.5)
                snapshot = await stats.fetch()
            }
            for (child, exit) in await processes.unexpectedExits() {
                problems.append("\(child.name) stopped by itself during the demo (\(exit)); log \(child.logPath)")
            }
            let final = await makeFrame(processes: processes, feeder: feeder, stats: snapshot,
                                        since: startedAt.value, until: stoppedAt.value, phase: "final")
            screen.showFinal(final)
            if snapshot == nil { problems.append("the coordinator did not answer for the final table; log \(settings.folder)/coordinator.log") }
        }

        screen.note(screen.words.stopping(await processes.health().running))
        let stopBegan = clock.now
        problems += await processes.stop(where: { $0 == "web" })
        problems += await processes.stop(where: { $0 == "coordinator" })
        problems += await processes.stop(where: { $0.hasPrefix("worker") })
        problems += await processes.stop(where: { $0.hasPrefix("dispatcher") })
        problems += await processes.stopAll()
        let stopSeconds = Double((clock.now - stopBegan).components.seconds)
            + Double((clock.now - stopBegan).components.attoseconds) / 1e18

        if problems.isEmpty {
            if settings.keep {
                screen.note(screen.words.stopped(stopSeconds, keptIn: settings.folder))
            } else {
                try? FileManager.default.removeItem(atPath: settings.folder)
                screen.note(screen.words.stopped(stopSeconds, keptIn: nil))
            }
            return
        }
        throw DemoError.unclean(problems: problems, folder: settings.folder)
    }

    /// Starts the dispatchers, then the workers, then the coordinator, each only once the previous ones are
    /// ready, and waits until the coordinator answers.
    private func startChildren(_ processes: DemoProcesses, screen: DemoScreen, stats: DemoStats) async throws(DemoError) {
        let folder = settings.folder
        for (path, config) in settings.districts {
            let code = config.district.code
            let dispatcher = try await processes.start(name: "dispatcher \(code)", arguments: [
                "dispatcher", "--config", path, "--endpoint", dispatcherEndpoint(code), "--data", "\(folder)/d-\(code)",
                "--events", eventsEndpoint(code),
            ] + keyArguments("--identity") { $0.dispatcher(code) }, logPath: "\(folder)/dispatcher-\(code).log")
            try await processes.waitReady(dispatcher, for: "dispatcher listening", timeout: settings.startTimeout)
        }
        screen.note(screen.words.dispatchersReady(settings.districts.reduce(0) { $0 + $1.config.wards.count }))
        var workers: [DemoChild] = []
        for (path, config) in settings.districts {
            // A process per unit, or per group of units (`--units-per-worker`): one `xk worker --ward A,B,…`.
            let size = max(1, settings.unitsPerWorker)
            let groups = stride(from: 0, to: config.wards.count, by: size).map { Array(config.wards[$0..<min($0 + size, config.wards.count)]) }
            for group in groups {
                guard let first = group.first else { continue }
                let codes = group.map(\.code).joined(separator: ",")
                let single = group.count == 1
                var arguments = [
                    "worker", "--config", path, "--ward", codes, "--dispatcher", dispatcherEndpoint(config.district.code),
                    "--data", single ? "\(folder)/w-\(first.code)" : "\(folder)/wg-\(first.code)",
                    "--control", single ? "ipc://\(folder)/w-\(first.code).ipc" : "ipc://\(folder)/w",
                    "--simulate", "--simulate-step-seconds", "\(settings.stepSeconds)",
                ]
                if let outcomes = settings.outcomes { arguments += ["--simulate-outcomes", outcomes] }
                arguments += keyArguments("--dispatcher-key") { $0.dispatcher(config.district.code) }
                let name = single ? "worker \(first.code)" : "worker \(first.code)+\(group.count - 1)"
                workers.append(try await processes.start(name: name, arguments: arguments,
                                                         logPath: "\(folder)/worker-\(first.code).log"))
            }
        }
        for worker in workers {
            try await processes.waitReady(worker, for: "worker connected", timeout: settings.startTimeout)
        }
        screen.note(screen.words.workersConnected)
        let coordinator = try await processes.start(name: "coordinator", arguments: [
            "coordinator",
            "--dispatcher", settings.districts.map { dispatcherEndpoint($0.config.district.code) }.joined(separator: ","),
            "--events", settings.districts.map { eventsEndpoint($0.config.district.code) }.joined(separator: ","),
            "--store", "sqlite:\(folder)/stats.sqlite", "--endpoint", coordinatorEndpoint,
        ] + settings.districts.flatMap { ["--config", $0.path] } + keyArguments("--dispatcher-key") { keys in
            settings.districts.map { keys.dispatcher($0.config.district.code) }.joined(separator: ",")
        }, logPath: "\(folder)/coordinator.log")
        try await processes.waitReady(coordinator, for: "coordinator starting", timeout: settings.startTimeout)
        let deadline = ContinuousClock.now + .seconds(settings.startTimeout)
        while await stats.rows(by: .ward, timeout: 1) == nil {
            if let (child, exit) = await processes.unexpectedExits().first {
                throw .childExited(child: child.name, exit: exit.description, log: child.logPath, tail: child.logTail())
            }
            if ContinuousClock.now >= deadline {
                throw .coordinatorSilent(endpoint: coordinatorEndpoint, seconds: settings.startTimeout,
                                         log: coordinator.logPath)
            }
            if Task.isCancelled { throw .interrupted }
        }
        if let web = settings.web { try await startWeb(processes, screen: screen, listen: web) }
    }

    /// Starts the dashboard (`xk web`) with a throwaway viewer login, and prints where and how to log in.
    private func startWeb(_ processes: DemoProcesses, screen: DemoScreen, listen: String) async throws(DemoError) {
        let folder = settings.folder
        let usersPath = "\(folder)/web-users.yaml"
        let password = String(randomToken().prefix(12))
        do {
            var users = WebUsers()
            try users.set(name: "demo", role: .viewer, password: password)
            try users.save(path: usersPath)
        } catch {
            throw .web(reason: "\(error)")
        }
        var arguments = [
            "web", "--dispatcher", settings.districts.map { dispatcherEndpoint($0.config.district.code) }.joined(separator: ","),
            "--coordinator", coordinatorEndpoint, "--listen", listen, "--users", usersPath, "--sla-hours", "\(settings.slaHours)",
        ] + settings.districts.flatMap { ["--config", $0.path] }
        if let keys = settings.keys {
            arguments += ["--keys", keys.folder.path, "--identity", "officer", "--dispatcher-key",
                          settings.districts.map { keys.dispatcher($0.config.district.code) }.joined(separator: ",")]
        }
        let web = try await processes.start(name: "web", arguments: arguments, logPath: "\(folder)/web.log")
        try await processes.waitReady(web, for: "web listening", timeout: settings.startTimeout)
        // Its log line ends "…:PORT [Web] web listening": the port it bound (a free one for port 0).
        let port = web.logLine(containing: "web listening").flatMap { line in
            line.split(separator: ":").last.map { String($0.prefix { $0.isNumber }) }
        } ?? "?"
        let host = listen.split(separator: ":").dropLast().joined(separator: ":")
        screen.note("web: http://\(host):\(port)/ — log in as demo / \(password) (throwaway viewer; users in \(usersPath), "
                    + "`xk web user add NAME --role officer --users \(usersPath)` for an officer)")
    }

    /// `--keys FOLDER OPTION VALUE` for a child, the value read from the keys; nothing without keys.
    private func keyArguments(_ option: String, _ value: (DemoKeys) -> String) -> [String] {
        guard let keys = settings.keys else { return [] }
        return ["--keys", keys.folder.path, option, value(keys)]
    }

    /// Feeds and refreshes the table until `--duration` passes, the task is cancelled (SIGINT, SIGTERM), or
    /// a dispatcher or the coordinator stops by itself (the figures would stop meaning anything).
    private func live(processes: DemoProcesses, screen: DemoScreen, stats: DemoStats, feeder: DemoFeeder,
                      since start: ContinuousClock.Instant) async {
        let duration = settings.duration
        let refresh = settings.refresh
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await feeder.run() }
            group.addTask {
                if let duration {
                    try? await Task.sleep(for: .seconds(duration))
                } else {
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                }
            }
            group.addTask {
                var lastPlain = ContinuousClock.now
                while !Task.isCancelled {
                    let snapshot = await stats.fetch()
                    let plain = ContinuousClock.now - lastPlain >= .seconds(5)
                    if plain { lastPlain = ContinuousClock.now }
                    await self.frame(screen, processes: processes, feeder: feeder, stats: snapshot, since: start,
                                     phase: "running", plain: plain)
                    if await processes.unexpectedExits().contains(where: { !$0.child.name.hasPrefix("worker") }) { return }
                    try? await Task.sleep(for: .seconds(refresh))
                }
            }
            // The first to finish (duration, a vital process gone; the feeder only on cancellation) ends the run.
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func frame(_ screen: DemoScreen, processes: DemoProcesses, feeder: DemoFeeder, stats: DemoStats.Snapshot?,
                       since start: ContinuousClock.Instant, until end: ContinuousClock.Instant? = nil, phase: String,
                       plain: Bool) async {
        screen.show(await makeFrame(processes: processes, feeder: feeder, stats: stats, since: start, until: end,
                                    phase: phase), plain: plain)
    }

    /// A frame; `end` is when the feed stopped, so the elapsed time and rate stop with it.
    private func makeFrame(processes: DemoProcesses, feeder: DemoFeeder, stats: DemoStats.Snapshot?,
                           since start: ContinuousClock.Instant, until end: ContinuousClock.Instant? = nil,
                           phase: String) async -> DemoScreen.Frame {
        let elapsed = (end ?? ContinuousClock.now) - start
        let health = await processes.health()
        return DemoScreen.Frame(
            elapsedSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            durationSeconds: settings.duration, submitted: await feeder.counters.submitted,
            failed: await feeder.counters.failed, lastError: await feeder.counters.lastError,
            running: health.running, processes: health.total,
            stopped: await processes.unexpectedExits().map(\.child.name), folder: settings.folder, stats: stats,
            phase: phase)
    }
}
