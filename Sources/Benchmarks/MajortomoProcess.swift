import Foundation

/// majortomo 0.2.0's Python broker, run as a child process so it is measured in the same run.
struct MajortomoProcess {
    let process: Process

    /// Starts `python -m majortomo.broker` on a free loopback port and returns it with its endpoint.
    static func start(python: String) async throws -> (MajortomoProcess, String) {
        let port = try ServerProcess.freePort()
        let endpoint = "tcp://127.0.0.1:\(port)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "majortomo.broker", "-b", endpoint]
        // It logs every request at INFO; keep that off our terminal, as its own users would.
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BenchError.majortomoMissing(python: python, reason: "\(error)")
        }
        try await Task.sleep(for: .milliseconds(1500))
        guard process.isRunning else {
            throw BenchError.majortomoMissing(python: python, reason: "it exited with status \(process.terminationStatus)")
        }
        return (MajortomoProcess(process: process), endpoint)
    }

    /// SIGTERM, then SIGKILL if it has not gone within three seconds. (Foundation's
    /// `waitUntilExit` spins a run loop on Linux, so this polls instead.)
    func stop() async {
        process.terminate()
        for _ in 0..<30 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case majortomoMissing(python: String, reason: String)
    case noFreePort
    case peerFailed(String)

    var description: String {
        switch self {
        case .majortomoMissing(let python, let reason):
            "cannot start majortomo's broker with \(python) (\(reason)); run scripts/setup-python first, or pass --python"
        case .noFreePort: "could not find a free loopback port"
        case .peerFailed(let why): "bench peer failed: \(why)"
        }
    }
}
