import Foundation
import Yams

extension DistrictConfig {
    /// Reads, checks and returns the district config in a YAML file.
    ///
    /// - Parameter path: The file, as the operator gave it; it is echoed unchanged in
    ///   problem reports so they match what the operator typed.
    /// - Throws: ``ConfigError`` listing every problem found, each with a key path and line.
    public static func load(path: String) throws(ConfigError) -> DistrictConfig {
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
        return try load(yaml: text, source: path)
    }

    /// Reads, checks and returns a district config from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: The config text.
    ///   - source: Name used for the text in problem reports, usually its file path.
    /// - Throws: ``ConfigError`` listing every problem found.
    public static func load(yaml: String, source: String) throws(ConfigError) -> DistrictConfig {
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
        return DistrictConfig(
            district: full,
            fields: draft.fields.map(\.value),
            procedures: draft.procedures.map(\.value),
            teams: draft.teams.map(\.value)
        )
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
