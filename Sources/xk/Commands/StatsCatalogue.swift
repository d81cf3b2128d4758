import Foundation
import XungKich

/// Names and team sizes from the district files, to label statistics (`xk stats`) and find idle teams.
struct StatsCatalogue {
    var wardNames: [String: String] = [:]
    var wardDistrict: [String: String] = [:]
    var teams: [Team] = []

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
            for ward in config.wards {
                catalogue.wardNames[ward.code] = ward.name
                catalogue.wardDistrict[ward.code] = config.district.code
            }
            catalogue.teams += config.teams
        }
        return catalogue
    }
}
