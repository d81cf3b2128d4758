/// One request handed to a `MajordomoWorker` handler.
public struct WorkerRequest: Sendable {
    /// The client's routing id at the broker (opaque).
    public let client: [UInt8]
    public let body: [[UInt8]]
    let sendPartial: @Sendable ([[UInt8]]) -> Void

    /// Sends a PARTIAL reply now; the handler's return value becomes the FINAL one.
    /// (MDP/0.1 has no partials; there this does nothing.)
    public func partial(_ body: [[UInt8]]) { sendPartial(body) }
}
