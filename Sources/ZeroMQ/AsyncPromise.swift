import Synchronization

/// A value that a socket thread fulfils once and any number of async tasks await,
/// e.g. "the endpoint I bound to" or "I failed to start".
public final class AsyncPromise<Value: Sendable>: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Value, any Error>])
        case done(Result<Value, any Error>)
    }

    private let state = Mutex<State>(.waiting([]))

    public init() {}

    /// Fulfils the promise; only the first call counts.
    public func resolve(_ result: Result<Value, any Error>) {
        let waiters: [CheckedContinuation<Value, any Error>] = state.withLock { state in
            guard case .waiting(let list) = state else { return [] }
            state = .done(result)
            return list
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    public func succeed(_ value: Value) { resolve(.success(value)) }
    public func fail(_ error: any Error) { resolve(.failure(error)) }

    /// Waits for the value (or rethrows the failure).
    public func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Value, any Error>? = state.withLock { state in
                switch state {
                case .done(let result): return result
                case .waiting(var list):
                    list.append(continuation)
                    state = .waiting(list)
                    return nil
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
