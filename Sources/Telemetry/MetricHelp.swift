/// The `# HELP` text of every metric XungKích exports, by name.
///
/// swift-prometheus' swift-metrics factory registers every instrument with an empty help text, and registering a
/// name once with help and once without stops the process, so the help cannot be given where the instruments are
/// made. ``MetricsRegistry/exposition()`` adds it to the text instead. `docs/metrics.md` lists the same texts;
/// `MetricHelpTests` holds the two equal.
public enum MetricHelp {
    /// Help text by metric name (for a histogram, its base name).
    public static let texts: [String: String] = [
        "xk_dispatcher_requests_accepted_total": "help requests accepted (journaled)",
        "xk_dispatcher_requests_resolved_total": "resolutions reported by the wards, by outcome",
        "xk_dispatcher_requests_cancelled_total": "requests an officer cancelled",
        "xk_dispatcher_deliveries_total":
            "deliveries to a ward worker (own ward or a neighbour's; by the request's ward)",
        "xk_dispatcher_redeliveries_total": "deliveries lost (worker died or vanished) and to be made again",
        "xk_dispatcher_events_published_total": "events sent on the `--events` PUB socket",
        "xk_dispatcher_last_event_seq": "the newest journal event's sequence number",
        "xk_dispatcher_journal_commit_duration_seconds": "one journal commit (one fsync per loop turn)",
        "xk_dispatcher_open_requests": "accepted and not resolved or cancelled",
        "xk_dispatcher_waiting_requests": "waiting for a worker of the ward (the queue depth)",
        "xk_dispatcher_oldest_waiting_age_seconds": "age of the ward's longest-waiting request (0: none waits)",
        "xk_dispatcher_needs_attention_requests": "waiting for an operator (`xk attention`)",
        "xk_dispatcher_connected_workers": "ward workers connected, per `ward.<code>` service",
        "xk_ward_open_cases": "open cases per team (`team=\"none\"`: not yet with a team)",
        "xk_ward_cases": "every case in the ward's store, by state",
        "xk_coordinator_applied_event_seq": "the last dispatcher event folded into the statistics",
        "xk_coordinator_dispatcher_event_seq": "the newest event the dispatcher is known to have",
        "xk_coordinator_lag_events": "events not yet applied: how far the statistics are behind",
        "xk_coordinator_requests": "requests the statistics hold",
    ]

    /// `text` (exposition format 0.0.4) with a `# HELP` line before each `# TYPE` line whose metric has a help
    /// text here and none already.
    public static func adding(to text: [UInt8]) -> [UInt8] {
        let typePrefix = Array("# TYPE ".utf8), helpPrefix = Array("# HELP ".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + texts.count * 80)
        var lineStart = 0
        var previousLineWasHelp = false
        while lineStart < text.count {
            let lineEnd = text[lineStart...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? text.count
            let line = text[lineStart..<lineEnd]
            if !previousLineWasHelp, line.starts(with: typePrefix) {
                let rest = line.dropFirst(typePrefix.count)
                let name = String(decoding: rest.prefix(while: { $0 != UInt8(ascii: " ") }), as: UTF8.self)
                if let help = texts[name] {
                    out.append(contentsOf: "# HELP \(name) \(escaped(help))\n".utf8)
                }
            }
            previousLineWasHelp = line.starts(with: helpPrefix)
            out.append(contentsOf: line)
            lineStart = lineEnd
        }
        return out
    }

    /// Help text escapes backslash and line feed (exposition format 0.0.4).
    private static func escaped(_ help: String) -> String {
        var out = ""
        for character in help {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
