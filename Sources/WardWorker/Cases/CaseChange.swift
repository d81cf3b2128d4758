import XungKich

/// What applying a command means for the dispatcher, returned by ``WardCase/apply(_:now:)``.
public enum CaseChange: Sendable, Hashable {
    /// The case moved (or a contact was logged): send a PARTIAL `{"state": …, "team": …, …}`.
    /// `detail` holds only non-personal keys (`team`, `waitReason`).
    case progress(state: RequestState, detail: [String: String])
    /// The case ended: send ``Resolution/finalBody()`` as the FINAL reply.
    case resolved(Resolution)
    /// The team gave the case back: the service reassigns it (``WardCase/assign(to:now:)``)
    /// or returns it to the dispatcher for re-dispatch.
    case declined(team: String)

    /// The body to send to the dispatcher: the PARTIAL JSON for progress (state plus detail, keys
    /// sorted), the FINAL JSON for a resolution, nil for a decline (the service decides).
    public var body: [UInt8]? {
        switch self {
        case let .progress(state, detail):
            var object: [String: Any] = detail
            object["state"] = state.rawValue
            return CaseJSON.object(object)
        case let .resolved(resolution):
            return resolution.finalBody()
        case .declined:
            return nil
        }
    }
}
