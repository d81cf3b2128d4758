import CYaml

/// Counts the values a YAML text stands for once its aliases are expanded, without expanding them.
///
/// Yams keeps an alias as a shared copy of its anchor's node, but hashes and compares mapping keys as whole trees,
/// so a 500-byte file of nested aliases ("billion laughs", `b: &b [*a, *a, …]` nine levels deep, then `? *i`)
/// kept the loader busy for minutes (found with Fuzz/FuzzDistrictConfig). The count is taken from libyaml's events
/// before Yams builds anything: each alias counts as the size of what it names.
enum YAMLAliasBudget {
    /// More values than any district has (the shipped configs have about 1,500), few enough to read in an instant.
    static let maxValues = 100_000

    /// The number of values in `yaml` with aliases expanded, stopping at `limit + 1`; nil when libyaml cannot
    /// parse the text (Yams reports that better).
    static func expandedCount(_ yaml: String, limit: Int = maxValues) -> Int? {
        var utf8 = Array(yaml.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer -> Int? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

            var sizes: [String: Int] = [:]                  // anchor → expanded size of its node
            var open: [(anchor: String?, count: Int)] = []  // collections not yet ended
            var total = 0
            func add(_ n: Int) {
                if open.isEmpty {
                    total = min(total + n, limit + 1)
                } else {
                    open[open.count - 1].count = min(open[open.count - 1].count + n, limit + 1)
                }
            }
            func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                anchor.map { String(cString: $0) }
            }
            while total <= limit {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return total
                case YAML_SCALAR_EVENT:
                    if let anchor = name(event.data.scalar.anchor) { sizes[anchor] = 1 }
                    add(1)
                case YAML_ALIAS_EVENT:
                    // An alias to an unknown anchor is Yams' error to report; it counts as one value here.
                    add(name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let done = open.popLast() else { return nil }
                    if let anchor = done.anchor { sizes[anchor] = done.count }
                    add(done.count)
                default:
                    continue
                }
            }
            return total
        }
    }
}
