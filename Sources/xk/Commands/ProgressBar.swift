import Foundation
import Synchronization

/// A one-line progress bar on standard error, redrawn at most every 100 ms; silent when standard
/// error is not a terminal (CI logs, pipes) or when disabled.
final class ProgressBar: Sendable {
    private let total: Int
    private let enabled: Bool
    private let state = Mutex<(done: Int, lastDraw: Double)>((0, 0))

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && isatty(STDERR_FILENO) == 1 && total > 0
    }

    func advance() {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        let line: String? = state.withLock { state in
            state.done += 1
            guard now - state.lastDraw >= 0.1 || state.done == total else { return nil }
            state.lastDraw = now
            return render(state.done)
        }
        if let line { FileHandle.standardError.write(Data(("\r" + line).utf8)) }
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(render(state.withLock { $0.done }))\n".utf8))
    }

    private func render(_ done: Int) -> String {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total)"
    }
}
