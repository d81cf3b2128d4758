import XungKich

/// How urgent a case is, the same in `xk cases` and on the team page: overdue first (open and past the
/// procedure's deadline, from the day after it in Hanoi, or open longer than the SLA), then elderly or disabled
/// citizens and deadlines, then the oldest.
public struct CaseUrgency: Sendable, Hashable {
    public let isOverdue: Bool
    public let isPriority: Bool
    public let createdAt: Double

    public init(isOpen: Bool, createdAt: Double, deadline: String?, isPriority: Bool, now: Double, slaHours: Double) {
        self.isPriority = isPriority
        self.createdAt = createdAt
        if !isOpen {
            isOverdue = false
        } else if let deadline, let start = HanoiDate.startOfDay(deadline), now >= start.timeIntervalSince1970 + 86_400 {
            isOverdue = true
        } else {
            isOverdue = now - createdAt > slaHours * 3600
        }
    }

    /// Sorts most urgent first.
    public var rank: (Int, Int, Double) { (isOverdue ? 0 : 1, isPriority ? 0 : 1, createdAt) }
}
