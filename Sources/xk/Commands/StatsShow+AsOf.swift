import ArgumentParser
import Foundation
import XungKich

/// `xk stats --by ward --as-of DAY`: units that had ended by that day re-expressed in the units of that day.
/// A unit that went whole into one successor is counted in the successor's row; a split one keeps its own row,
/// labelled as split with its candidate successors, unless a ward's residential-group map (`--group-map`)
/// places its groups, whose requests then go to the unit the map names. Nothing is guessed.
struct AsOfRegroup {
    /// Unit key (or unit key U+001F group) → the unit of the day it is counted in.
    var regroup: [String: String] = [:]
    /// Labels for the rows of split units.
    var splitLabels: [String: String] = [:]

    init(day: String, layouts: [DistrictConfig], groupMap: (name: String, text: String)?) throws {
        guard let date = HanoiDate.startOfDay(day) else { throw ValidationError("--as-of \(day) is not YYYY-MM-DD") }
        var seen: Set<UnitKey> = []
        for layout in layouts {
            for unit in layout.allUnits where seen.insert(unit.key).inserted && !unit.isValid(on: date) && unit.validFrom < date {
                if let target = Self.wholeTarget(of: unit.key, on: date, layouts: layouts) {
                    regroup[unit.key.text] = target.key.text
                    continue
                }
                let next = layouts.flatMap { $0.successors(of: unit.key, on: date) }
                let names = next.map { s in
                    let name = layouts.lazy.compactMap { $0.unit(key: s.to) }.first?.fullName ?? ""
                    return "\(s.to.code) \(name)\(s.share == .whole ? "" : " (part)")"
                }
                splitLabels[unit.key.text] = next.isEmpty ? "successor not in the crosswalk"
                    : "split between " + Array(Set(names)).sorted().joined(separator: ", ")
            }
        }
        if let groupMap { try readGroupMap(groupMap, date: date, layouts: layouts) }
    }

    /// The one unit in force on `date` that `key` went wholly into, following whole successions.
    static func wholeTarget(of key: UnitKey, on date: Date, layouts: [DistrictConfig]) -> Ward? {
        var current = key
        for _ in 0..<5 {
            let next = layouts.flatMap { $0.successors(of: current) }
            guard Set(next.map(\.to)).count == 1, next.allSatisfy({ $0.share == .whole }), let to = next.first?.to else { return nil }
            guard let unit = layouts.lazy.compactMap({ $0.unit(key: to) }).first else { return nil }
            if unit.isValid(on: date) { return unit }
            current = to
        }
        return nil
    }

    /// `unit,residential_group,new_unit`: `unit` a unit key (00256@2020-01-01) or the code of an ended unit,
    /// `new_unit` the code of a unit in force on the day. Every bad row is reported by line.
    private mutating func readGroupMap(_ file: (name: String, text: String), date: Date, layouts: [DistrictConfig]) throws {
        let table = CSVTable(text: file.text)
        let missing = table.missing(["unit", "residential_group", "new_unit"])
        guard missing.isEmpty else {
            throw CLIError.refused("\(file.name): the header lacks \(missing.joined(separator: ", ")); the columns are unit,residential_group,new_unit")
        }
        var problems = table.unreadable.map { "\(file.name): line \($0.line): \($0.message)" }
        let all = layouts.flatMap(\.allUnits)
        for row in table.rows {
            let from: Ward? = UnitKey(text: row["unit"]).flatMap { key in all.first { $0.key == key } }
                ?? all.filter { $0.code == row["unit"] && !$0.isValid(on: date) && $0.validFrom < date }.max { $0.validFrom < $1.validFrom }
            let to = all.first { $0.code == row["new_unit"] && $0.isValid(on: date) }
            var bad: [String] = []
            if from == nil { bad.append("unit \"\(row["unit"])\" is not a unit that had ended by \(HanoiDate.isoDay(date))") }
            if to == nil { bad.append("new_unit \"\(row["new_unit"])\" is not a unit in force on \(HanoiDate.isoDay(date))") }
            if row["residential_group"].isEmpty { bad.append("residential_group is empty") }
            if let from, let to {
                let candidates = Set(layouts.flatMap { $0.successors(of: from.key, on: date) }.map(\.to))
                if !candidates.isEmpty && !candidates.contains(to.key) {
                    bad.append("\(to.fullName) is not one of \(from.fullName)'s successors")
                }
            }
            guard bad.isEmpty, let from, let to else {
                problems.append("\(file.name): line \(row.line): " + bad.joined(separator: "; "))
                continue
            }
            regroup[from.key.text + "\u{1F}" + row["residential_group"]] = to.key.text
        }
        guard problems.isEmpty else {
            throw CLIError.refused(problems.joined(separator: "\n") + "\n\(problems.count) bad row(s) in the group map")
        }
    }
}
