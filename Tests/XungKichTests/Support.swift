import Foundation
@testable import XungKich

/// The repository's config folder, found from this file so tests run from any directory.
let configFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // XungKichTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("config")

/// A small valid district config; each section can be swapped for a broken one.
/// Wards form a ring 00241–00244–00247–00256 so every ward has two neighbours.
struct SampleYAML {
    var district = #"district: {code: "007", name: "Quận Hai Bà Trưng", kind: quận, validFrom: 2020-01-01, validTo: 2024-12-31}"#
    var fields = """
        fields:
          - {code: G15-TP07, name: Hộ tịch}
          - {code: G01-CA05, name: Cư trú}
        """
    var procedures = """
        procedures:
          - {code: "1.001193", name: Đăng ký khai sinh, field: G15-TP07}
        """
    var wards = """
        wards:
          - {code: "00241", name: Nguyễn Du, kind: phường, validFrom: 2020-01-01, neighbours: ["00244", "00256"]}
          - {code: "00244", name: Bạch Đằng, kind: phường, validFrom: 2020-01-01, neighbours: ["00241", "00247"]}
          - {code: "00247", name: Phạm Đình Hổ, kind: phường, validFrom: 2020-01-01, neighbours: ["00244", "00256"]}
          - {code: "00256", name: Lê Đại Hành, kind: phường, validFrom: 2020-01-01, validTo: 2024-12-31, neighbours: ["00247", "00241"]}
        """
    var teams = """
        teams:
          - {id: 00241-T01, ward: "00241", name: "Tổ xung kích số 1 – Nguyễn Du", members: 5, skills: [G15-TP07, G01-CA05]}
          - {id: 00241-T02, ward: "00241", name: "Tổ xung kích số 2 – Nguyễn Du", members: 4, skills: [G01-CA05], active: false}
          - {id: 00244-T01, ward: "00244", name: "Tổ xung kích số 1 – Bạch Đằng", members: 6, skills: [G15-TP07]}
        """

    var text: String { [district, fields, procedures, wards, teams].joined(separator: "\n") + "\n" }

    /// The text with one literal replacement, failing loudly if the anchor is gone.
    func replacing(_ old: String, with new: String) -> String {
        precondition(text.contains(old), "sample YAML has no \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }
}

/// Writes `contents` to a fresh file named `name` in its own temporary folder, so parallel
/// tests never share files, and returns its path.
func writeTemporary(_ contents: String, name: String = "district.yaml") throws -> String {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("xungkich-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

/// Loads `contents` from a temporary file and returns the error, or `nil` if it loaded.
func loadError(_ contents: String, name: String = "district.yaml") throws -> (path: String, error: ConfigError?) {
    let path = try writeTemporary(contents, name: name)
    do {
        _ = try DistrictConfig.load(path: path)
        return (path, nil)
    } catch {
        return (path, error)
    }
}
