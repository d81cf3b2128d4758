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
        let keys = options.keys ? try DemoKeys.make(in: folder + "/keys", districts: districts.map(\.config)) : nil
        let settings = DemoService.Settings(
            districts: districts, executable: try executable(), folder: folder, keys: keys, rate: options.rate,
            duration: options.duration, settle: options.settle, refresh: options.refresh,
            stepSeconds: options.stepSeconds, outcomes: options.outcomes, keep: options.keep,
            startTimeout: options.startTimeout, unitsPerWorker: options.unitsPerWorker)
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
