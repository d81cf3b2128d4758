import ArgumentParser
import Foundation
import ServiceLifecycle
import Web
import XungKich

/// `xk web`: the district dashboard (and `xk web user add` for its logins).
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the district dashboard, its JSON API and the public Open311 feed (`xk web user add` for logins).",
        subcommands: [WebServeCommand.self, WebUserCommand.self],
        defaultSubcommand: WebServeCommand.self)
}

/// `xk web [serve]`: the dashboard's HTTP server.
struct WebServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard (default http://127.0.0.1:8080).",
        discussion: """
            Reads the statistics from the coordinator and the needs-attention list from the dispatchers (one per \
            --config, comma-separated in the same order); officers' requeue and cancel go to the request's \
            dispatcher as `xk requeue` / `xk cancel` do. With keys, it connects as `officer` (--identity to change). \
            Logins come from the users file (`xk web user add`); without a login only the public Open311 feed \
            (/open311/v2/…) is served. It speaks plain HTTP: put it behind TLS before anyone logs in over a network.
            """)

    @Option(help: "District configuration file (repeat for several districts; default: $XK_CONFIG or the settings file).")
    var config: [String] = []
    @Option(help: "Dispatcher endpoints, comma-separated, in --config order (default: $XK_DISPATCHER, the settings file, or tcp://127.0.0.1:5555).")
    var dispatcher = Settings.value(.dispatcher, default: "tcp://127.0.0.1:5555")
    @Option(help: "The coordinator's statistics endpoint (default: $XK_COORDINATOR, the settings file, or tcp://127.0.0.1:5570).")
    var coordinator = Settings.value(.coordinator, default: "tcp://127.0.0.1:5570")
    @Option(help: "HOST:PORT to listen on (127.0.0.1:0 picks a free port).")
    var listen = "127.0.0.1:8080"
    @Option(help: "The users file (`xk web user add` writes it).")
    var users = "web-users.yaml"
    @Option(help: "Hours an open request may take before it counts as past the SLA.")
    var slaHours = 72.0
    @OptionGroup var key: KeyOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard slaHours > 0, slaHours.isFinite else { throw ValidationError("--sla-hours must be a positive number") }
    }

    func run() async throws {
        let logger = log.bootstrap(label: "xk.web")
        let paths = config.isEmpty ? Settings.value(.config)?.split(separator: ",").map(String.init) ?? [] : config
        guard !paths.isEmpty else { throw ValidationError("give --config FILE (or set XK_CONFIG)") }
        var configs: [DistrictConfig] = []
        for path in paths {
            do {
                configs.append(try DistrictConfig.load(path: path))
            } catch {
                throw CLIError.refused("\(error)")
            }
        }
        let endpoints = dispatcher.split(separator: ",").map(String.init)
        guard endpoints.count == configs.count else {
            throw ValidationError("give one --dispatcher endpoint per --config (got \(endpoints.count) for \(configs.count))")
        }
        let identities = try key.dispatcherIdentities(count: configs.count)
        let dispatchers = try configs.indices.map { index in
            LiveBackend.Dispatcher(district: configs[index].district.code, endpoint: endpoints[index],
                                   curve: try key.clientKeys(defaultIdentity: "officer", server: identities[index]))
        }
        let backend = LiveBackend(coordinator: coordinator,
                                  coordinatorCurve: try key.clientKeys(defaultIdentity: "officer", server: "coordinator"),
                                  dispatchers: dispatchers)
        var options = WebApp.Options(usersPath: users)
        do {
            try options.setAddress(listen)
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        options.slaHours = slaHours
        if !["127.0.0.1", "localhost", "::1"].contains(options.host) {
            logger.warning("web listens beyond loopback over plain HTTP: put it behind TLS before anyone logs in",
                           metadata: ["listen": "\(listen)"])
        }
        try await WebApp.serviceGroup(backend: backend, configs: configs, options: options, logger: logger).runForCommand()
    }
}

/// `xk web user add NAME --role viewer|officer`: a dashboard login; the password is read from standard input.
struct WebUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the dashboard's logins.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a dashboard login (or give an existing one a new role and password).",
            discussion: """
                The password is read from standard input (one line, 8 characters or more), never from the command \
                line; only its bcrypt hash is stored. A viewer reads the figures; an officer may also requeue and \
                cancel requests from the needs-attention page.
                """)

        @Argument(help: "Login name.") var name: String
        @Option(help: "viewer or officer.") var role: WebUsers.Role
        @Option(help: "The users file.") var users = "web-users.yaml"

        func run() async throws {
            guard let password = readLine(strippingNewline: true) else {
                throw ValidationError("give the password (8 characters or more) on standard input")
            }
            do {
                var file = try WebUsers.load(path: users)
                try file.set(name: name, role: role, password: password)
                try file.save(path: users)
            } catch {
                throw CLIError.refused("\(error)")
            }
            print("\(name): \(role.rawValue) in \(users)")
        }
    }
}

extension WebUsers.Role: ExpressibleByArgument {}
