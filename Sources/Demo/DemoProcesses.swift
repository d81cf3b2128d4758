import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The processes `xk demo` started, in start order: starts them, waits for each to be ready, watches them,
/// and stops them all (SIGTERM, then SIGKILL for stragglers) so none outlives the demo.
///
/// Children share one process group, led by the first, so `kill -- -PGID` reaches them all should the demo
/// itself be killed with SIGKILL (the one case it cannot clean up after).
actor DemoProcesses {
    /// A child and, once reaped, how it ended.
    private struct Entry {
        var child: DemoChild
        var exit: DemoChild.Exit?
        /// Set when the demo asked it to stop, so its exit is expected.
        var stopping = false
    }

    private let executable: String
    private var entries: [Entry] = []
    private var group: pid_t = 0

    init(executable: String) {
        self.executable = executable
    }

    /// The process group of the children (0 before the first start).
    var processGroup: pid_t { group }

    /// Starts `xk arguments…` with its output in `logPath`.
    @discardableResult
    func start(name: String, arguments: [String], logPath: String) throws(DemoError) -> DemoChild {
        let child = try DemoChild.spawn(name: name, executable: executable, arguments: arguments, logPath: logPath,
                                        group: group)
        if group == 0 { group = child.pid }
        entries.append(Entry(child: child))
        return child
    }

    /// Waits until `child`'s log shows `needle`; fails, naming the child and its log, if it exits first or
    /// `timeout` seconds pass.
    func waitReady(_ child: DemoChild, for needle: String, timeout: Double) async throws(DemoError) {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while true {
            if child.logContains(needle) { return }
            reap()
            if let exit = entries.first(where: { $0.child.pid == child.pid })?.exit {
                throw .childExited(child: child.name, exit: exit.description, log: child.logPath, tail: child.logTail())
            }
            if ContinuousClock.now >= deadline {
                throw .notReady(child: child.name, seconds: timeout, waitingFor: needle, log: child.logPath,
                                tail: child.logTail())
            }
            try? await Task.sleep(for: .milliseconds(100))
            if Task.isCancelled { throw .interrupted }
        }
    }

    /// Children that exited without being asked to, with how they ended.
    func unexpectedExits() -> [(child: DemoChild, exit: DemoChild.Exit)] {
        reap()
        return entries.compactMap { entry in
            guard let exit = entry.exit, !entry.stopping else { return nil }
            return (entry.child, exit)
        }
    }

    /// How many children are running, of how many started.
    func health() -> (running: Int, total: Int) {
        reap()
        return (entries.filter { $0.exit == nil }.count, entries.count)
    }

    /// Stops the children whose names satisfy `matching` together: SIGTERM, up to `grace` seconds for them
    /// to exit, then SIGKILL. Returns a line per child that needed SIGKILL or exited with an error.
    /// Never throws and ignores cancellation: it runs on every way out of the demo.
    func stop(where matching: (String) -> Bool, grace: Double = 10) async -> [String] {
        reap()
        let chosen = entries.indices.filter { matching(entries[$0].child.name) && entries[$0].exit == nil }
        for index in chosen {
            entries[index].stopping = true
            entries[index].child.send(SIGTERM)
        }
        let deadline = ContinuousClock.now + .seconds(grace)
        while chosen.contains(where: { entries[$0].exit == nil }) && ContinuousClock.now < deadline {
            await pause()
            reap()
        }
        var problems: [String] = []
        for index in chosen where entries[index].exit == nil {
            let child = entries[index].child
            child.send(SIGKILL)
            problems.append("\(child.name) (pid \(child.pid)) did not stop within \(Int(grace)) s of SIGTERM and was killed; log \(child.logPath)")
        }
        let killDeadline = ContinuousClock.now + .seconds(5)
        while chosen.contains(where: { entries[$0].exit == nil }) && ContinuousClock.now < killDeadline {
            await pause()
            reap()
        }
        for index in chosen {
            let child = entries[index].child
            switch entries[index].exit {
            case .code(let code) where code != 0 && code != -1:
                problems.append("\(child.name) exited with code \(code) when stopped; log \(child.logPath)")
            case .signal(let signal) where signal != SIGKILL && signal != SIGTERM:
                problems.append("\(child.name) died of signal \(signal) when stopped; log \(child.logPath)")
            case nil:
                problems.append("\(child.name) (pid \(child.pid)) could not be reaped")
            default:
                break
            }
        }
        return problems
    }

    /// Stops every child that is still running, all at once; for start-up failures.
    func stopAll() async -> [String] {
        await stop(where: { _ in true })
    }

    private func reap() {
        for index in entries.indices where entries[index].exit == nil {
            entries[index].exit = entries[index].child.poll()
        }
    }

    /// Waits 50 ms even in a cancelled task (where `Task.sleep` returns at once), without blocking a thread
    /// of the cooperative pool: the stop loop must run to its end on every way out of the demo.
    private nonisolated func pause() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { continuation.resume() }
        }
    }
}
