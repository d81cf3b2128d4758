import XungKich
import XungKichWire

/// What applying a command means for the dispatcher, returned by ``WardCase/apply(_:now:)``.
public enum CaseChange: Sendable, Hashable {
    /// The case moved (or a contact was logged): send this PARTIAL (state, team, wait reason; never the
    /// note or the citizen).
    case progress(WorkerReport)
    /// The case ended: send ``Resolution/report`` as the FINAL reply.
    case resolved(Resolution)
    /// The team gave the case back: the service reassigns it (``WardCase/assign(to:now:)``)
    /// or returns it to the dispatcher for re-dispatch.
    case declined(team: TeamID)

    /// What to tell the dispatcher: the PARTIAL for progress, the FINAL for a resolution, nil for a
    /// decline (the service decides).
    public var report: WorkerReport? {
        switch self {
        case let .progress(report): report
        case let .resolved(resolution): resolution.report
        case .declined: nil
        }
    }

    /// ``report`` as the body sent.
    public var body: [UInt8]? { report?.json }
}
