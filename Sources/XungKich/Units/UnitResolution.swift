import Foundation

/// What a (code, day) pair means in the loaded layouts: the answer to "which unit is 00259 on 2026-01-10?".
public enum UnitResolution: Sendable, Hashable {
    /// The unit with this code in force on that day (or, when the loaded files know no later layout for
    /// the code, the newest unit with it: a config that only describes a past layout keeps working).
    case unit(Ward)
    /// The code's unit had ended by that day and went wholly into one unit in force then: use `to`.
    case remapped(from: UnitKey, fromName: String, to: Ward, on: Date)
    /// The code's unit had ended by that day and went into several units, or only in part, or its successor
    /// is not known: the caller must choose; nothing may be guessed.
    case ended(from: UnitKey, fromName: String, endedOn: Date?, successors: [Candidate])
    /// No unit had the code on that day; the first one started later.
    case notYet(Ward)
    /// No loaded layout has the code.
    case unknown

    /// A possible successor of an ended unit.
    public struct Candidate: Sendable, Hashable {
        public var unit: UnitKey
        public var name: String
        public var share: SuccessionShare
    }
}

extension DistrictConfig {
    /// Every unit this config knows: its own, then those of the earlier layouts it names (`predecessors:`).
    public var allUnits: [Ward] { wards + formerUnits }

    /// A unit with this code in this layout, else in an earlier one (which one is for ``resolve(code:on:)``).
    public func anyUnit(code: String) -> Ward? {
        ward(code: code) ?? formerUnits.first { $0.code == code }
    }

    /// The unit with this key, in this layout or an earlier one.
    public func unit(key: UnitKey) -> Ward? {
        allUnits.first { $0.key == key }
    }

    /// The successors of an ended unit in the layout that came next, per the crosswalk (`successors:`), in file
    /// order. When the loaded files map a unit to more than one later layout (Hai Bà Trưng's 2020–2024 wards to
    /// the 15 wards of 2025-01-01 and, in ha-noi.yaml, straight on to the units of 2025-07-01), the earliest
    /// wins: the later lines are what following it gives (``successors(of:on:)``).
    public func successors(of key: UnitKey) -> [Succession] {
        let all = successions.filter { $0.from == key }
        guard let next = all.map(\.to.validFrom).min() else { return [] }
        return all.filter { $0.to.validFrom == next }
    }

    /// The successors to choose among for a unit that had ended by `date`: whole successions followed through
    /// every layout that had ended too (2020 → 2025-01-01 → 2025-07-01), then the lines of the first split, or
    /// of the unit in force on `date`.
    public func successors(of key: UnitKey, on date: Date) -> [Succession] {
        var current = key
        for _ in 0..<8 {
            let next = successors(of: current)
            guard next.count == 1, next[0].share == .whole, let to = unit(key: next[0].to), to.hasEnded(by: date) else {
                return next
            }
            current = to.key
        }
        return successors(of: current)
    }

    /// Which unit `code` means on `date`; see ``UnitResolution``.
    public func resolve(code: String, on date: Date) -> UnitResolution {
        let candidates = allUnits.filter { $0.code == code }
        if let current = candidates.first(where: { $0.isValid(on: date) }) { return .unit(current) }
        let ended = candidates.filter { unit in unit.validTo.map { !HanoiDate.isWithin(date, from: .distantPast, to: $0) } ?? false }
        if let last = ended.max(by: { ($0.validTo ?? .distantPast) < ($1.validTo ?? .distantPast) }) {
            let next = successors(of: last.key)
            let laterWithCode = candidates.contains { $0.validFrom > (last.validTo ?? .distantFuture) }
            if next.isEmpty && !laterWithCode && wards.contains(last) && formerUnits.isEmpty && successions.isEmpty {
                return .unit(last)
            }
            if let to = wholeSuccessor(of: last.key, on: date) {
                return .remapped(from: last.key, fromName: last.fullName, to: to, on: to.validFrom)
            }
            let names = successors(of: last.key, on: date).map { s in
                UnitResolution.Candidate(unit: s.to, name: unit(key: s.to)?.fullName ?? s.to.text, share: s.share)
            }
            return .ended(from: last.key, fromName: last.fullName, endedOn: last.validTo, successors: names)
        }
        if let first = candidates.min(by: { $0.validFrom < $1.validFrom }) { return .notYet(first) }
        return .unknown
    }

    /// The unit a request journaled by an earlier release (which kept only the code) was filed under: the unit
    /// with the code in force at `time`, else the newest that had started by then (what the code-only release
    /// would have used), else the first. Used once, to fill in the units of old journals and fact stores.
    ///
    /// `jurisdiction` is the code of the jurisdiction whose dispatcher took the request (the prefix of its id,
    /// "007" in 007-0000042): that release ran that jurisdiction's file, so the code meant one of its units even
    /// when the request was made after a later layout reused the code.
    ///
    /// A code-only release knew no crosswalk, so no unit that is some unit's successor (the layouts of 2025 were
    /// written after it): among the jurisdiction's units, those are left out when others remain.
    public func filedUnit(code: String, at time: Double, jurisdiction: String? = nil) -> Ward? {
        let date = Date(timeIntervalSince1970: time)
        let all = allUnits.filter { $0.code == code }
        let ofJurisdiction = all.filter { jurisdiction != nil && unitJurisdictions[$0.key] == jurisdiction }
        let known = ofJurisdiction.filter { unit in !successions.contains { $0.to == unit.key } }
        let mine = known.isEmpty ? ofJurisdiction : known
        let candidates = mine.isEmpty ? all : mine
        return candidates.first { $0.isValid(on: date) }
            ?? candidates.filter { $0.validFrom <= date }.max { $0.validFrom < $1.validFrom }
            ?? candidates.min { $0.validFrom < $1.validFrom }
    }

    /// Where a unit's open requests go when it ends: its one whole successor in force on `date` (following whole
    /// successions through layouts that had ended too), or nil when it was split (or its successor is unknown)
    /// and a person must choose among ``successors(of:on:)``.
    public func wholeSuccessor(of key: UnitKey, on date: Date) -> Ward? {
        var current = key
        for _ in 0..<8 {
            let next = successors(of: current)
            guard next.count == 1, next[0].share == .whole, let to = unit(key: next[0].to) else { return nil }
            if to.isValid(on: date) { return to }
            guard to.hasEnded(by: date) else { return nil }
            current = to.key
        }
        return nil
    }
}

extension Ward {
    /// Whether the unit had started and then ended by `date`.
    func hasEnded(by date: Date) -> Bool {
        validFrom <= date && !isValid(on: date)
    }
}

extension UnitResolution {
    /// A sentence a ward officer can act on, for the refusals (nil for `.unit` and `.remapped`).
    public func refusal(code: String, day: String) -> String? {
        switch self {
        case .unit, .remapped: return nil
        case let .ended(from, fromName, endedOn, successors):
            // The day the successors started (the resolution's date), else the day after the unit's last.
            let start = successors.map(\.unit.validFrom).min().flatMap(HanoiDate.startOfDay)
                ?? endedOn.map { $0.addingTimeInterval(86_400) }
            let on = start.map { " on " + HanoiDate.dayMonthYear($0) } ?? ""
            if successors.isEmpty {
                return "\(fromName) (\(from.code)) no longer existed on \(day) (it ended\(on)) and its successor is not "
                    + "in the loaded crosswalk; give the code of the unit the citizen lives in today"
            }
            let list = successors.map { "\($0.name) (\($0.unit.code)\($0.share == .whole ? "" : ", part"))" }
            let verb = successors.count == 1 && successors[0].share == .whole ? "was merged into" : "was split between"
            return "\(fromName) (\(from.code)) \(verb) \(list.joined(separator: ", "))\(on); it no longer existed on "
                + "\(day), so give the code of the unit the citizen lives in"
        case let .notYet(unit):
            return "\(Quote.text(code)) (\(unit.fullName)) did not exist yet on \(day); it starts on \(HanoiDate.isoDay(unit.validFrom))"
        case .unknown:
            return nil
        }
    }
}
