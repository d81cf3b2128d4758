import Coordinator
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `xk demo` prints: a header (elapsed time, requests submitted, processes running) above the
/// per-ward table (`WardTable`). On a terminal it redraws in place; otherwise (tests, CI logs) it prints a
/// plain table every few seconds, and always a final one.
struct DemoScreen: Sendable {
    /// Everything one frame shows.
    struct Frame: Sendable {
        var elapsedSeconds: Double
        var durationSeconds: Double?
        var submitted: Int
        var failed: Int
        var lastError: String?
        var running: Int
        var processes: Int
        /// Processes that stopped by themselves.
        var stopped: [String]
        var folder: String
        var stats: DemoStats.Snapshot?
        /// E.g. "running", "settling", "final".
        var phase: String
    }

    let sections: [WardTable.Section]
    /// Whether standard output is a terminal (redraw in place).
    let isTerminal: Bool
    /// English or Vietnamese.
    let words: DemoWords

    init(sections: [WardTable.Section], vietnamese: Bool = false) {
        self.sections = sections
        isTerminal = isatty(STDOUT_FILENO) == 1
        words = DemoWords(vietnamese: vietnamese)
    }

    /// The frame as lines.
    func lines(_ frame: Frame) -> [String] {
        let rate = frame.elapsedSeconds > 0 ? Double(frame.submitted) / frame.elapsedSeconds : 0
        let time = frame.phase == "running"
            ? Self.clock(frame.elapsedSeconds) + (frame.durationSeconds.map { words.of(Self.clock($0)) } ?? "")
            : words.fedFor(Self.clock(frame.elapsedSeconds))
        var lines = [
            "XungKích demo — \(sections.map(\.title).joined(separator: " + ")) — \(words.phase(frame.phase))",
            "\(time) · \(words.submitted(frame.submitted))"
                + String(format: " (%.1f/s)", rate) + (frame.failed > 0 ? words.failed(frame.failed) : "")
                + words.processes(frame.running, frame.processes)
                + (frame.stopped.isEmpty ? "" : words.stoppedByThemselves(frame.stopped.joined(separator: ", "))),
            words.logsIn(frame.folder) + (frame.phase == "running" && isTerminal ? words.ctrlC : ""),
        ]
        if frame.failed > 0, let error = frame.lastError { lines.append(words.lastError(error)) }
        lines.append("")
        if let stats = frame.stats {
            lines += WardTable.render(sections: sections, wardRows: stats.wardRows, districtRows: stats.districtRows,
                                      overallMedianSeconds: stats.overallMedianSeconds, vietnamese: words.vietnamese)
        } else {
            lines.append(words.noCoordinator)
        }
        return lines
    }

    /// Shows a live frame: redrawn in place on a terminal; printed whole when `plain` on other outputs.
    func show(_ frame: Frame, plain: Bool) {
        if isTerminal {
            write("\u{1B}[H\u{1B}[2J" + lines(frame).joined(separator: "\n") + "\n")
        } else if plain {
            write(lines(frame).joined(separator: "\n") + "\n\n")
        }
    }

    /// Prints the final frame below whatever is on screen.
    func showFinal(_ frame: Frame) {
        write((isTerminal ? "\u{1B}[H\u{1B}[2J" : "") + lines(frame).joined(separator: "\n") + "\n")
    }

    /// A line outside the table (start-up progress, stop report).
    func note(_ text: String) { write(text + "\n") }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
