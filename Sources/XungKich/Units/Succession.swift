import Foundation

/// How much of an ended unit went into one successor (Resolution 1656/NQ-UBTVQH15's wording).
public enum SuccessionShare: String, Sendable, Hashable, Codable, CaseIterable {
    /// "toàn bộ diện tích tự nhiên, quy mô dân số": the whole unit, territory and people.
    case whole
    /// "một phần …" or "phần còn lại …": part of it; where a given street went is not in the resolution.
    case part
}

/// One line of the crosswalk between layouts: unit `from` (an earlier layout's unit, by key) went, wholly or
/// in part, into unit `to` of this layout. Generated from the shared CSVs (`xk units generate`), never typed.
public struct Succession: Sendable, Hashable, Codable {
    /// The ended unit.
    public var from: UnitKey
    /// Its full name, e.g. "Phường Đồng Nhân"; kept here because the earlier layout's file may not be loaded.
    public var fromName: String
    /// The successor, a unit of this layout.
    public var to: UnitKey
    /// Whole or part.
    public var share: SuccessionShare
    /// Where the mapping comes from, e.g. "1656/NQ-UBTVQH15 Điều 1 khoản 6".
    public var source: String

    public init(from: UnitKey, fromName: String, to: UnitKey, share: SuccessionShare, source: String) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.share = share
        self.source = source
    }
}
