import Foundation
import XungKich

/// Names and team sizes from the district files, to label statistics (`xk stats`) and find idle teams.
struct StatsCatalogue {
    var wardNames: [String: String] = [:]
    /// Names beside codes for every grouping a table shows.
    var districtNames: [String: String] = [:]
    var procedureNames: [String: String] = [:]
    var fieldNames: [String: String] = [:]
    var teamNames: [String: String] = [:]
    var wardDistrict: [String: String] = [:]
    var teams: [Team] = []
    /// The files read, for re-expressing units (`--as-of`).
    var layouts: [DistrictConfig] = []

    /// Reads `paths`, or config/*.yaml when none is given; unreadable files are skipped (labels only).
    static func load(_ paths: [String]) -> StatsCatalogue {
        // Given files, else XK_CONFIG or the settings file (so names do not depend on the folder xk runs in),
        // else the checkout's config/*.yaml.
        let configured = Settings.value(.config).map { $0.split(separator: ",").map(String.init) } ?? []
        let files = !paths.isEmpty ? paths : !configured.isEmpty ? configured
            : ((try? FileManager.default.contentsOfDirectory(atPath: "config")) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { "config/\($0)" }
        var catalogue = StatsCatalogue()
        for path in files {
            guard let config = try? DistrictConfig.load(path: path) else { continue }
            catalogue.layouts.append(config)
            for ward in config.wards {
                catalogue.wardNames[ward.code] = ward.name
                catalogue.wardDistrict[ward.code] = config.district.code
            }
            // Statistics key on units (CODE@first day): name and period, so 00256 of 2024 (Lê Đại Hành) and of
            // 2026 (Hai Bà Trưng) read apart.
            for unit in config.allUnits where catalogue.wardNames[unit.key.text] == nil {
                catalogue.wardNames[unit.key.text] = "\(unit.name) (\(unit.periodText))"
            }
            catalogue.teams += config.teams
            catalogue.districtNames[config.district.code] = config.district.name
            for procedure in config.procedures { catalogue.procedureNames[procedure.code] = procedure.name }
            for field in config.fields { catalogue.fieldNames[field.code] = field.name }
            for team in config.teams { catalogue.teamNames[team.id] = team.name }
        }
        return catalogue
    }
}
