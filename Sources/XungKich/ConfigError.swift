/// One thing wrong in a district config file.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where in the file: a key path such as `wards[3].code` (indices count from 0), or ""
    /// for problems with the file as a whole.
    public var path: String
    /// What is wrong, in words a ward officer can act on.
    public var message: String
    /// 1-based line in the file, when known, so an editor can jump to it.
    public var line: Int?

    /// Creates a problem report.
    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    /// `path: message`, or just the message for whole-file problems.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}

/// A district config that cannot be used, with every problem found in it.
///
/// All problems are collected before throwing so an officer can fix the file in one pass
/// instead of discovering mistakes one restart at a time.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or other source name) the problems are in, as the caller named it.
    public var file: String
    /// The problems, ordered by line.
    public var problems: [ConfigProblem]

    /// Creates an error for `file`.
    public init(file: String, problems: [ConfigProblem]) {
        self.file = file
        self.problems = problems
    }

    /// One line per problem, compiler style: `file:line: path: message`.
    public var description: String {
        problems.map { problem in
            let location = problem.line.map { "\(file):\($0)" } ?? file
            return "\(location): \(problem)"
        }.joined(separator: "\n")
    }
}

/// Accumulates problems while reading a config, remembering the line of every path visited
/// so later cross-reference checks can still point at a line.
struct ProblemLog {
    private(set) var problems: [ConfigProblem] = []
    private var lines: [String: Int] = [:]

    mutating func note(_ path: String, line: Int?) {
        if let line { lines[path] = line }
    }

    func line(of path: String) -> Int? { lines[path] }

    mutating func add(_ path: String, _ message: String) {
        problems.append(ConfigProblem(path: path, message: message, line: lines[path]))
    }

    func error(file: String) -> ConfigError {
        // Stable sort by line keeps problems on the same line in discovery order.
        let ordered = problems.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element.line ?? 0, rhs.element.line ?? 0)
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element)
        return ConfigError(file: file, problems: ordered)
    }
}
