import Dispatch

/// A wait that always lasts its time, even in a cancelled task (where `Task.sleep` returns at once), and
/// never blocks a thread of the cooperative pool: for the demo's stop path, which must run to its end.
enum DemoPause {
    static func seconds(_ seconds: Double) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
        }
    }
}
