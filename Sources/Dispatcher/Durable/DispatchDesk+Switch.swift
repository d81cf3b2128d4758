import Foundation
import XungKich
import XungKichWire

/// Where the open requests of a unit go when it has ended at an instant: nowhere (still in force, or no
/// crosswalk), to its one whole successor, or to an operator choosing among the candidates of a split.
public enum UnitMove: Sendable, Equatable {
    case stay
    case to(WardCode)
    case choose([UnitKey])
}

/// Computes a ``UnitMove`` from the config's crosswalk (``DistrictConfig/wholeSuccessor(of:on:)``).
public typealias UnitSuccessor = @Sendable (_ unit: UnitKey, _ at: Double) -> UnitMove

extension DispatchDesk {
    /// The switch-over to new units at `at` (`xk units switch`), journaled like every change so a restart replays
    /// it: each open request whose unit has ended by then goes to its one whole successor (the journal's ward
    /// changes; a waiting one waits there now) or, when the unit was split, waits for an operator with the
    /// candidates named (`xk attention`, then `xk requeue` once an operator has put it in a unit). The unit it was
    /// filed under never changes, so statistics count it once, where it was filed.
    ///
    /// A request a team holds (or was sent) stays with that team. Moved to a whole successor, its journal ward
    /// changes, so a loss or a decline sends it there. Of a split unit, it is flagged for an operator too, with its
    /// candidates: the team may finish it, but if the team loses or declines it, it is not sent again to a code
    /// that no longer names its place; it waits for the operator to put it in a unit.
    ///
    /// A request is switched once: running the switch again (to the same layout, or after a restart, or after an
    /// operator placed a split unit's request) records nothing and moves nothing, so nothing is counted twice.
    public mutating func switchUnits(at: Double, now: Double) -> SwitchAnswer {
        var moved: [SwitchAnswer.Moved] = [], split: [SwitchAnswer.Split] = [], held = 0
        guard let successorOf else { return SwitchAnswer(moved: [], needsAttention: [], heldByTeams: 0) }
        for id in jobs.keys.sorted(by: { (jobs[$0]?.stored.number ?? 0) < (jobs[$1]?.stored.number ?? 0) }) {
            guard var job = jobs[id], let unit = job.stored.unit, !switched.contains(id) else { continue }
            var detail = EventDetail()
            detail.remappedFrom = unit.text
            switch successorOf(unit, at) {
            case .stay:
                continue
            case .to(let ward):
                guard ward != job.stored.ward else { continue }
                let wasWaiting = waiting[job.stored.ward]?.contains(id: id) ?? false
                waiting[job.stored.ward]?.remove(id: id)
                job.stored.ward = ward
                batch.moves[id] = ward
                if job.tag != nil { held += 1 }
                jobs[id] = job
                if wasWaiting { enqueue(job.stored) }
                detail.to = ward
                moved.append(.init(id: id, from: unit, to: ward))
            case .choose(let candidates):
                guard !job.stored.needsAttention else { continue }
                detail.candidates = candidates.map(\.text)
                split.append(.init(id: id, from: unit, candidates: candidates))
                if job.tag != nil { held += 1 }
                waiting[job.stored.ward]?.remove(id: id)
                job.stored.needsAttention = true
                jobs[id] = job
            }
            switched.insert(id)
            record(job.stored, .switched, now: now, detail: detail)
        }
        return SwitchAnswer(moved: moved, needsAttention: split, heldByTeams: held)
    }
}

extension UnitMove {
    /// The switch-over plan of a config: a unit that has ended by `at` goes to its one whole successor in force
    /// then, or to an operator with its successors (none when the sources name none). Without a crosswalk
    /// (`successors:`), nothing moves.
    public static func plan(_ config: DistrictConfig) -> UnitSuccessor {
        { unit, at in
            let date = Date(timeIntervalSince1970: at)
            guard !config.successions.isEmpty, let known = config.unit(key: unit), !known.isValid(on: date),
                  known.validFrom < date else { return .stay }
            if let to = config.wholeSuccessor(of: unit, on: date) { return .to(WardCode(to.code)) }
            return .choose(config.successors(of: unit, on: date).map(\.to))
        }
    }
}
