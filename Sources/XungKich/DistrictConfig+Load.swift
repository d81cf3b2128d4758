import Foundation
import Yams

extension DistrictConfig {
    /// Reads, checks and returns the district config in a YAML file.
    ///
    /// - Parameter path: The file, as the operator gave it; it is echoed unchanged in
    ///   problem reports so they match what the operator typed.
    /// - Throws: ``ConfigError`` listing every problem found, each with a key path and line.
    public static func load(path: String) throws(ConfigError) -> DistrictConfig {
        try load(path: path, visited: [])
    }

    private static func load(path: String, visited: Set<String>) throws(ConfigError) -> DistrictConfig {
        let fail = { (message: String) in ConfigError(file: path, problems: [ConfigProblem(path: "", message: message)]) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            throw fail("file not found (looked for \(absolute))")
        }
        guard !isDirectory.boolValue else { throw fail("is a folder, not a config file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("cannot be read; check that the service may read it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw fail("is not UTF-8 text; save it as UTF-8 so Vietnamese names survive")
        }
        let (config, predecessors, rosters) = try parse(yaml: text, source: path)
        return try config.withRosters(rosters, of: path).withPredecessors(predecessors, of: path, visited: visited)
    }

    /// Loads the files of earlier layouts this one names (`predecessors:`, relative to its folder), so their
    /// units and crosswalk lines load with it. A file named twice, or naming itself back, is read once.
    private func withPredecessors(_ names: [String], of path: String, visited: Set<String>) throws(ConfigError) -> DistrictConfig {
        guard !names.isEmpty else { return self }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var seen = visited.union([URL(fileURLWithPath: path).standardizedFileURL.path])
        var former: [Ward] = []
        var lines = successions
        var jurisdictions = unitJurisdictions
        for name in names {
            let full = name.hasPrefix("/") ? URL(fileURLWithPath: name) : folder.appendingPathComponent(name)
            let resolved = full.standardizedFileURL.path
            guard seen.insert(resolved).inserted else { continue }
            let earlier: DistrictConfig
            do {
                earlier = try DistrictConfig.load(path: resolved, visited: seen)
            } catch {
                throw ConfigError(file: path, problems: [ConfigProblem(
                    path: "predecessors", message: "\(name) could not be loaded: \(error.description)")])
            }
            former += earlier.wards + earlier.formerUnits
            lines += earlier.successions
            jurisdictions.merge(earlier.unitJurisdictions) { mine, _ in mine }
        }
        return DistrictConfig(district: district, fields: fields, procedures: procedures, teams: teams,
                              formerUnits: former, successions: lines, unitJurisdictions: jurisdictions)
    }

    /// Reads, checks and returns a district config from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: The config text.
    ///   - source: Name used for the text in problem reports, usually its file path.
    /// - Throws: ``ConfigError`` listing every problem found.
    public static func load(yaml: String, source: String) throws(ConfigError) -> DistrictConfig {
        try parse(yaml: yaml, source: source).config
    }

    /// The folder holding the wards' roster files for the config at `path` (its `rosters:`), if it names one.
    public static func rosterFolder(ofConfig path: String) throws(ConfigError) -> String? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        guard let name = try parse(yaml: text, source: path).rosters else { return nil }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The teams of each unit that has a roster file (`xk teams import`) replaced by the roster's; the result
    /// is checked like a config (unique ids, known fields, teams in this file's units).
    private func withRosters(_ folder: String?, of path: String) throws(ConfigError) -> DistrictConfig {
        guard let folder else { return self }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        var teams = self.teams
        for name in names {
            let file = dir.appendingPathComponent(name).path
            let fail = { (message: String) in ConfigError(file: file, problems: [ConfigProblem(path: "", message: message)]) }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw fail("cannot be read as UTF-8 text")
            }
            let node: Node?
            do { node = try Yams.compose(yaml: text) } catch { throw fail("not valid YAML: \(error)") }
            guard let node else { throw fail("file is empty") }
            var reader = ConfigReader()
            let (unit, roster) = reader.readRoster(node)
            guard reader.log.problems.isEmpty, let unit else { throw reader.log.error(file: file) }
            guard ward(code: unit) != nil else { throw fail("unit \(unit) is not a unit of \(district.name)") }
            if let other = roster.first(where: { $0.wardCode != unit }) {
                throw fail("team \(other.id) is of unit \(other.wardCode), not \(unit)")
            }
            teams = teams.filter { $0.wardCode != unit } + roster
        }
        let merged = DistrictConfig(district: district, fields: fields, procedures: procedures, teams: teams,
                                    formerUnits: formerUnits, successions: successions, unitJurisdictions: unitJurisdictions)
        try merged.validate(source: "\(path) with the rosters in \(dir.path)")
        return merged
    }

    private static func parse(yaml: String, source: String) throws(ConfigError) -> (config: DistrictConfig, predecessors: [String], rosters: String?) {
        if let count = YAMLAliasBudget.expandedCount(yaml), count > YAMLAliasBudget.maxValues {
            throw ConfigError(file: source, problems: [ConfigProblem(
                path: "", message: "its aliases (*name) expand to more than \(YAMLAliasBudget.maxValues) values; "
                    + "no district needs that many, so write the values out instead of nesting aliases")])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigError(file: source, problems: [ConfigProblem(path: "", message: "file is empty")])
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: source, problems: [syntaxProblem(error)])
        }
        var reader = ConfigReader()
        let draft = reader.read(root)
        var validator = ConfigValidator(log: reader.log, draft: draft)
        validator.validate()
        guard validator.log.problems.isEmpty, let district = draft.district else {
            throw validator.log.error(file: source)
        }
        var full = district
        full.wards = draft.wards.map(\.value)
        let successions = draft.successions.compactMap { item -> Succession? in
            guard let to = full.wards.first(where: { $0.code == item.value.toCode }) else { return nil }
            let line = item.value
            return Succession(from: line.from, fromName: line.fromName, to: to.key, share: line.share, source: line.source)
        }
        let config = DistrictConfig(
            district: full,
            fields: draft.fields.map(\.value),
            procedures: draft.procedures.map(\.value),
            teams: draft.teams.map(\.value),
            successions: successions
        )
        return (config, draft.predecessors, draft.rosters)
    }

    /// Checks a config built in code with the same rules ``load(path:)`` applies.
    ///
    /// - Parameter source: Name used in problem reports.
    /// - Throws: ``ConfigError`` listing every problem found (without line numbers).
    public func validate(source: String = "config") throws(ConfigError) {
        var draft = ConfigDraft()
        draft.district = district
        draft.fields = fields.enumerated().map { Indexed(index: $0.offset, value: $0.element) }
        draft.procedures = procedures.enumerated().map { Indexed(index: $0.offset, value: $0.element) }
        draft.wards = wards.enumerated().map { Indexed(index: $0.offset, value: $0.element) }
        draft.teams = teams.enumerated().map { Indexed(index: $0.offset, value: $0.element) }
        draft.wardItemCount = wards.count
        draft.hasWardsSection = true
        var validator = ConfigValidator(log: ProblemLog(), draft: draft)
        validator.validate()
        if !validator.log.problems.isEmpty { throw validator.log.error(file: source) }
    }

    /// Yams' own messages quote the whole file; keep just the position and the complaint.
    private static func syntaxProblem(_ error: any Error) -> ConfigProblem {
        let hint = "not valid YAML"
        guard let yamlError = error as? YamlError else {
            return ConfigProblem(path: "", message: "\(hint): \(error)")
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text) that starts on line \($0.mark.line))" } ?? ""
            return ConfigProblem(path: "", message: "\(hint) at column \(mark.column): \(problem)\(during)",
                                 line: mark.line)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ConfigProblem(path: "", message: "\(hint): key \(keys) appears twice in the same item",
                                 line: context.mark.line)
        case let .reader(problem, _, _, _):
            return ConfigProblem(path: "", message: "\(hint): \(problem); is the file UTF-8 text?")
        default:
            return ConfigProblem(path: "", message: "\(hint): \(yamlError)")
        }
    }
}
