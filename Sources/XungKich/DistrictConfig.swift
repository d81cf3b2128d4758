import Foundation

/// Everything a district coordinator needs to route requests: the district and its wards,
/// the teams, and the catalogue of fields and procedures.
///
/// Built once at start-up by ``load(path:)`` and then only read, so lookups are indexed
/// up front.
public struct DistrictConfig: Sendable, Hashable {
    /// The district this config routes for, including its wards.
    public let district: District
    /// Fields (lĩnh vực) teams can be skilled in.
    public let fields: [Field]
    /// Procedures citizens ask about, each in one field.
    public let procedures: [Procedure]
    /// All teams, active or not, in file order.
    public let teams: [Team]
    /// Units of the earlier layouts this config names under `predecessors:` (other config files), loaded with
    /// it so requests and statistics from before a boundary change still find their unit.
    public let formerUnits: [Ward]
    /// The crosswalk from those units to this layout's (`successors:`).
    public let successions: [Succession]
    /// The code of the jurisdiction each unit was listed under (this file's and its predecessors').
    public let unitJurisdictions: [UnitKey: String]

    private let wardIndex: [String: Int]
    private let teamIndex: [String: Int]
    private let teamsByWard: [String: [Int]]
    private let fieldIndex: [String: Int]
    private let procedureIndex: [String: Int]

    /// Assembles a config without validating it; ``validate(source:)`` checks it, and
    /// ``load(path:)`` does both. With duplicate codes, lookups return the first match.
    public init(district: District, fields: [Field], procedures: [Procedure], teams: [Team],
                formerUnits: [Ward] = [], successions: [Succession] = [], unitJurisdictions: [UnitKey: String] = [:]) {
        var jurisdictions = unitJurisdictions
        for ward in district.wards { jurisdictions[ward.key] = district.code }
        self.unitJurisdictions = jurisdictions
        self.district = district
        self.fields = fields
        self.procedures = procedures
        self.teams = teams
        self.formerUnits = formerUnits
        self.successions = successions
        wardIndex = Self.firstIndex(of: district.wards.map(\.code))
        teamIndex = Self.firstIndex(of: teams.map(\.id))
        fieldIndex = Self.firstIndex(of: fields.map(\.code))
        procedureIndex = Self.firstIndex(of: procedures.map(\.code))
        teamsByWard = Dictionary(grouping: teams.indices, by: { teams[$0].wardCode })
    }

    /// The district's wards (communes, towns) in file order.
    public var wards: [Ward] { district.wards }

    /// Majordomo service names of all wards ("ward.00286", …) in file order. Every ward is
    /// listed whatever its dates, because requests filed under an old layout still need a home.
    public var serviceNames: [String] { wards.map(\.serviceName) }

    /// The ward with this GSO code.
    public func ward(code: String) -> Ward? {
        wardIndex[code].map { district.wards[$0] }
    }

    /// The ward whose Majordomo service name this is, e.g. "ward.00286".
    public func ward(serviceName: String) -> Ward? {
        guard serviceName.hasPrefix(WardService.prefix) else { return nil }
        return ward(code: String(serviceName.dropFirst(WardService.prefix.count)))
    }

    /// Wards in force on the given instant.
    public func wards(validOn date: Date) -> [Ward] {
        wards.filter { $0.isValid(on: date) }
    }

    /// All teams of a ward, inactive ones included, in file order; filter on ``Team/active``
    /// when dispatching.
    public func teams(inWard code: String) -> [Team] {
        (teamsByWard[code] ?? []).map { teams[$0] }
    }

    /// Active teams of a ward that can handle the field, in file order.
    public func teams(inWard code: String, forField fieldCode: String) -> [Team] {
        teams(inWard: code).filter { $0.active && $0.canHandle(field: fieldCode) }
    }

    /// The team with this id.
    public func team(id: String) -> Team? {
        teamIndex[id].map { teams[$0] }
    }

    /// The field with this code.
    public func field(code: String) -> Field? {
        fieldIndex[code].map { fields[$0] }
    }

    /// The procedure with this code.
    public func procedure(code: String) -> Procedure? {
        procedureIndex[code].map { procedures[$0] }
    }

    /// (ward code, field code) pairs no active team of that ward can handle: requests there
    /// must spill over to neighbours, so coordinators want this list empty.
    public func coverageGaps() -> [(ward: String, field: String)] {
        wards.flatMap { ward in
            fields.compactMap { field in
                teams(inWard: ward.code, forField: field.code).isEmpty
                    ? (ward: ward.code, field: field.code) : nil
            }
        }
    }

    private static func firstIndex(of keys: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, key) in keys.enumerated() where index[key] == nil { index[key] = i }
        return index
    }
}
