// What the harnesses share: the oracle check, and the district the dispatcher validates against.
import Foundation
import XungKich

/// Stops the run with the oracle's message: libFuzzer saves the input as a finding.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("oracle: \(message())") }
}

/// config/hai-ba-trung.yaml in this checkout, or XK_FUZZ_CONFIG.
public let harnessConfig: DistrictConfig = {
    let path = ProcessInfo.processInfo.environment["XK_FUZZ_CONFIG"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/hai-ba-trung.yaml").standardizedFileURL.path
    do {
        return try DistrictConfig.load(path: path)
    } catch {
        fatalError("harness setup: cannot load \(path): \(error)")
    }
}()
