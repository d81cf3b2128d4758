import Foundation
import Logging
import ServiceLifecycle
import XungKich

/// Assembles `xk demo`: the district configurations checked, a private folder made, and the ``DemoService``
/// in a `ServiceGroup` that ends on SIGTERM or SIGINT — or by itself after `duration`, which is no failure.
public enum DemoApp {
    /// What the command line decided.
    public struct Options: Sendable {
        /// District configuration files, relative to the current folder or absolute.
        public var configs: [String] = ["config/hai-ba-trung.yaml"]
        /// Help requests submitted per second, over all districts.
        public var rate = 20.0
        /// Seconds to feed before stopping by itself; nil: until a signal.
        public var duration: Double?
        /// Seconds, after the feed stops, for open cases to reach their outcomes.
        public var settle = 5.0
        public var refresh = 1.0
        /// Mean seconds between a simulated case's steps.
        public var stepSeconds = 0.5
        /// The simulated teams' outcome mix (`xk worker --simulate-outcomes`), checked by the caller.
        public var outcomes: String?
        public var keep = false
        public var startTimeout = 60.0
        /// Run every process with a throwaway key set (CurveZMQ on every connection); false only to compare.
        public var keys = true
        /// HOST:PORT of the dashboard (`xk web`) the demo starts; nil for none.
        public var web: String? = "127.0.0.1:0"
        /// The dashboard's SLA in hours.
        public var slaHours = 72.0
        /// Speak Vietnamese on the screen (`xk demo` sets it from `XK_LANG=vi`).
        public var vietnamese = false
        /// Units one worker process serves; 1: a process per unit.
        public var unitsPerWorker = 1
        /// Only these units (codes) get workers and requests; empty: every unit of the configs.
        public var units: [String] = []

        public init() {}
    }

    public static func build(options: Options, logger: Logger) throws -> ServiceGroup {
        var districts: [(path: String, config: DistrictConfig)] = []
        for path in options.configs {
            let absolute = absolute(path)
            guard FileManager.default.fileExists(atPath: absolute) else { throw DemoError.configMissing(path: path) }
            do {
                let loaded = try DistrictConfig.load(path: absolute)
                if districts.contains(where: { $0.config.district.code == loaded.district.code }) {
                    throw DemoError.duplicateDistrict(code: loaded.district.code)
                }
                districts.append((absolute, options.units.isEmpty ? loaded : loaded.only(units: Set(options.units))))
            } catch let error as DemoError {
                throw error
            } catch {
                throw DemoError.configInvalid(path: path, reason: "\(error)")
            }
        }
        let folder = try makeFolder()
        // Units without teams (most of Hà Nội's 126 until their wards import rosters) get made-up teams in the
        // demo's own copy of the config, so every unit resolves requests; config/ is never written.
        for index in districts.indices where districts[index].config.wards.contains(where: { districts[index].config.teams(inWard: $0.code).isEmpty }) {
            if let staffed = try staffedCopy(districts[index], folder: folder + "/config") {
                districts[index] = options.units.isEmpty ? staffed : (staffed.path, staffed.config.only(units: Set(options.units)))
            }
        }
        let keys = options.keys ? try DemoKeys.make(in: folder + "/keys", districts: districts.map(\.config)) : nil
        let settings = DemoService.Settings(
            districts: districts, executable: try executable(), folder: folder, keys: keys, rate: options.rate,
            duration: options.duration, settle: options.settle, refresh: options.refresh,
            stepSeconds: options.stepSeconds, outcomes: options.outcomes, keep: options.keep,
            startTimeout: options.startTimeout, web: options.web, slaHours: options.slaHours,
            unitsPerWorker: options.unitsPerWorker, vietnamese: options.vietnamese)
        return ServiceGroup(configuration: .init(
            // The demo ends by itself after --duration: that ends the group, it is no failure.
            services: [.init(service: DemoService(settings: settings, logger: logger),
                             successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }

    /// This process's own executable, which the children run.
    static func executable() throws(DemoError) -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
           FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let argument = absolute(CommandLine.arguments.first ?? "xk")
        guard FileManager.default.isExecutableFile(atPath: argument) else { throw .binaryNotFound(tried: "/proc/self/exe, \(argument)") }
        return argument
    }

    /// A new private folder under the temporary directory; kept short, as ipc:// paths are limited to ~100 bytes.
    static func makeFolder() throws(DemoError) -> String {
        var base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        if base.utf8.count > 60 { base = "/tmp" }
        let template = (base.hasSuffix("/") ? base : base + "/") + "xk-demo-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw .folder(path: template, reason: String(cString: strerror(errno)))
        }
        return String(cString: made)
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

extension DistrictConfig {
    /// The config with only `units` (codes) among its own units, for a demo of a few of a city's units.
    func only(units: Set<String>) -> DistrictConfig {
        var picked = district
        picked.wards = wards.filter { units.contains($0.code) }
        return DistrictConfig(district: picked, fields: fields, procedures: procedures,
                              teams: teams.filter { units.contains($0.wardCode) }, formerUnits: formerUnits,
                              successions: successions, unitJurisdictions: unitJurisdictions)
    }
}

extension DemoApp {
    /// A copy of a config (and the earlier layouts it names) in `folder`, with two made-up teams for every unit
    /// that has none, as roster files (`rosters:`); nil when the config names no roster folder.
    static func staffedCopy(_ district: (path: String, config: DistrictConfig), folder: String) throws(DemoError)
        -> (path: String, config: DistrictConfig)?
    {
        do {
            guard let rosters = try DistrictConfig.rosterFolder(ofConfig: district.path) else { return nil }
            let files = FileManager.default
            let source = URL(fileURLWithPath: district.path).deletingLastPathComponent()
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The config's own folder's YAML files: the config and the earlier layouts it names beside it.
            for name in try files.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".yaml") {
                let target = folder + "/" + name
                if !files.fileExists(atPath: target) { try files.copyItem(atPath: source.appendingPathComponent(name).path, toPath: target) }
            }
            let copy = folder + "/" + URL(fileURLWithPath: district.path).lastPathComponent
            let rosterFolder = folder + "/" + URL(fileURLWithPath: rosters).lastPathComponent
            try files.createDirectory(atPath: rosterFolder, withIntermediateDirectories: true)
            let skills = district.config.fields.map(\.code)
            for ward in district.config.wards where district.config.teams(inWard: ward.code).isEmpty {
                let half = max(1, skills.count / 2)
                let text = """
                    # Made up by xk demo: \(ward.fullName) has no teams yet.
                    unit: "\(ward.code)"
                    teams:
                      - {id: \(ward.code)-T01, ward: "\(ward.code)", name: "Tổ mô phỏng 1 – \(ward.name)", members: 5, skills: [\(skills.prefix(half).joined(separator: ", "))]}
                      - {id: \(ward.code)-T02, ward: "\(ward.code)", name: "Tổ mô phỏng 2 – \(ward.name)", members: 5, skills: [\(skills.dropFirst(half).joined(separator: ", "))]}

                    """
                try text.write(toFile: "\(rosterFolder)/\(ward.code).yaml", atomically: true, encoding: .utf8)
            }
            return (copy, try DistrictConfig.load(path: copy))
        } catch {
            throw DemoError.configInvalid(path: district.path, reason: "its copy with made-up teams failed: \(error)")
        }
    }
}
