import Foundation
import Testing
@testable import XungKich

/// One broken variant of the sample config and the problem it must produce.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let path: String
    let reason: String
    var testDescription: String { name }
}

private let sample = SampleYAML()

private let brokenCases: [BrokenCase] = [
    BrokenCase(name: "ward code too short",
               yaml: sample.replacing(#"code: "00256""#, with: #"code: "0028""#),
               path: "wards[3].code", reason: #""0028" is not a 5-digit GSO code"#),
    BrokenCase(name: "duplicate ward code",
               yaml: sample.replacing(#"code: "00247", name: Phạm Đình Hổ"#, with: #"code: "00244", name: Phạm Đình Hổ"#),
               path: "wards[2].code", reason: "is used twice; wards[1] already has it"),
    BrokenCase(name: "duplicate team id",
               yaml: sample.replacing("id: 00241-T02", with: "id: 00241-T01"),
               path: "teams[1].id", reason: "is used twice; teams[0] already has it"),
    BrokenCase(name: "team in unknown ward",
               yaml: sample.replacing(#"id: 00244-T01, ward: "00244""#, with: #"id: 00299-T01, ward: "00299""#),
               path: "teams[2].ward", reason: #"no ward with code "00299" in this file"#),
    BrokenCase(name: "team id of another ward",
               yaml: sample.replacing("id: 00244-T01", with: "id: 00241-T09"),
               path: "teams[2].id", reason: "does not start with the team's ward code 00244"),
    BrokenCase(name: "team id shape",
               yaml: sample.replacing("id: 00244-T01", with: "id: 00244-3"),
               path: "teams[2].id", reason: "is not a team id like 00286-T03"),
    BrokenCase(name: "unknown neighbour",
               yaml: sample.replacing(#"neighbours: ["00244", "00256"]}"#, with: #"neighbours: ["00244", "00256", "00999"]}"#),
               path: "wards[0].neighbours[2]", reason: #"no ward with code "00999" in this file"#),
    BrokenCase(name: "ward is its own neighbour",
               yaml: sample.replacing(#"neighbours: ["00241", "00247"]"#, with: #"neighbours: ["00241", "00247", "00244"]"#),
               path: "wards[1].neighbours[2]", reason: "a ward cannot be its own neighbour"),
    BrokenCase(name: "one-sided neighbour",
               yaml: sample.replacing(#"neighbours: ["00241", "00247"]"#, with: #"neighbours: ["00241", "00247", "00256"]"#),
               path: "wards[1].neighbours[2]", reason: "00256 (Lê Đại Hành) does not list 00244 (Bạch Đằng) back"),
    BrokenCase(name: "validTo before validFrom",
               yaml: sample.replacing("validTo: 2024-12-31, neighbours", with: "validTo: 2019-12-31, neighbours"),
               path: "wards[3].validTo", reason: "2019-12-31 is before validFrom 2020-01-01"),
    BrokenCase(name: "unknown skill",
               yaml: sample.replacing("skills: [G15-TP07]}", with: "skills: [G15-TP07, G99-XX01]}"),
               path: "teams[2].skills[1]", reason: #""G99-XX01" is not one of the codes in the fields section"#),
    BrokenCase(name: "procedure in unknown field",
               yaml: sample.replacing("field: G15-TP07", with: "field: G15-TP99"),
               path: "procedures[0].field", reason: #""G15-TP99" is not one of the codes in the fields section"#),
    BrokenCase(name: "team without members",
               yaml: sample.replacing("members: 6", with: "members: 0"),
               path: "teams[2].members", reason: "a team needs at least 1 member"),
    BrokenCase(name: "members not a number",
               yaml: sample.replacing("members: 6", with: "members: sáu"),
               path: "teams[2].members", reason: #""sáu" is not a whole number"#),
    BrokenCase(name: "no wards",
               yaml: SampleYAML(wards: "wards: []", teams: "teams: []").text,
               path: "wards", reason: "no wards are listed; a district needs at least one"),
    BrokenCase(name: "district code shape",
               yaml: sample.replacing(#"code: "007""#, with: #"code: "0071""#),
               path: "district.code", reason: "is not a GSO code of a city or province (2 digits"),
    BrokenCase(name: "field code shape",
               yaml: sample.replacing("code: G01-CA05, name", with: "code: G01-CA5, name"),
               path: "fields[1].code", reason: #""G01-CA5" is not a field code like G15-TP07"#),
    BrokenCase(name: "procedure code shape",
               yaml: sample.replacing(#""1.001193""#, with: #""1.00119""#),
               path: "procedures[0].code", reason: #""1.00119" is not a procedure code like 1.001193"#),
    BrokenCase(name: "impossible date",
               yaml: sample.replacing("name: Bạch Đằng, kind: phường, validFrom: 2020-01-01", with: "name: Bạch Đằng, kind: phường, validFrom: 2020-02-30"),
               path: "wards[1].validFrom", reason: #""2020-02-30" is not a date; write it as YYYY-MM-DD"#),
    BrokenCase(name: "unknown unit kind",
               yaml: sample.replacing("name: Nguyễn Du, kind: phường", with: "name: Nguyễn Du, kind: phuong"),
               path: "wards[0].kind", reason: #""phuong" is not a known kind; use one of: phường, xã, thị trấn"#),
    BrokenCase(name: "misspelt key",
               yaml: sample.replacing(#"neighbours: ["00241", "00247"]"#, with: #"neighbors: ["00241", "00247"]"#),
               path: "wards[1].neighbors", reason: #"unknown key "neighbors"; expected one of"#),
    BrokenCase(name: "missing required key",
               yaml: sample.replacing(#"ward: "00244", name: "Tổ xung kích số 1 – Bạch Đằng", "#, with: #"ward: "00244", "#),
               path: "teams[2].name", reason: "is missing; it is required"),
    BrokenCase(name: "missing section",
               yaml: SampleYAML(teams: "").text,
               path: "teams", reason: "section is missing"),
    BrokenCase(name: "empty skills",
               yaml: sample.replacing("skills: [G15-TP07]}", with: "skills: []}"),
               path: "teams[2].skills", reason: "is empty; list the field codes"),
    BrokenCase(name: "list where a value belongs",
               yaml: sample.replacing("name: Hộ tịch", with: "name: [Hộ, tịch]"),
               path: "fields[0].name", reason: "expected a single value, found a list"),
]

@Suite("Config validation")
struct ConfigValidationTests {
    @Test func sampleIsValid() throws {
        let path = try writeTemporary(sample.text)
        let config = try DistrictConfig.load(path: path)
        #expect(config.wards.count == 4)
        #expect(config.teams(inWard: "00241").map(\.id) == ["00241-T01", "00241-T02"])
        #expect(config.teams(inWard: "00241", forField: "G01-CA05").map(\.id) == ["00241-T01"])
        #expect(config.team(id: "00241-T02")?.active == false)
        #expect(config.ward(code: "00256")?.validTo != nil)
        #expect(config.ward(code: "00241")?.validTo == nil)
    }

    @Test func kindsAcceptCapitalsAndDecomposedDiacritics() throws {
        // Some Vietnamese keyboards type decomposed accents (NFD); officers may capitalise.
        let decomposed = "phường".decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.unicodeScalars) != Array("phường".unicodeScalars))
        let yaml = sample
            .replacing("name: Nguyễn Du, kind: phường", with: "name: Nguyễn Du, kind: Phường")
            .replacingOccurrences(of: "name: Bạch Đằng, kind: phường", with: "name: Bạch Đằng, kind: \(decomposed)")
        let config = try DistrictConfig.load(yaml: yaml, source: "nfd.yaml")
        #expect(config.wards.allSatisfy { $0.kind == .ward })
    }

    @Test(arguments: brokenCases)
    func reportsFilePathAndReason(_ broken: BrokenCase) throws {
        let (path, error) = try loadError(broken.yaml, name: "hai-ba-trung.yaml")
        let configError = try #require(error, "\(broken.name) loaded without error")
        #expect(configError.file == path)
        let matching = configError.problems.filter { $0.path == broken.path && $0.message.contains(broken.reason) }
        #expect(!matching.isEmpty, "got:\n\(configError)")
        // The printed report carries the same three facts on one line.
        let lines = configError.description.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix(path) && $0.contains("\(broken.path): ") && $0.contains(broken.reason) },
                "got:\n\(configError)")
    }

    @Test func exampleMessageReadsAsDocumented() throws {
        let yaml = sample.replacing(#"code: "00256""#, with: #"code: "0028""#)
        let error = try #require(try loadError(yaml).error)
        let problem = try #require(error.problems.first { $0.path == "wards[3].code" })
        // Line 11: district, 3 lines of fields, 2 of procedures, then the wards header and wards[0...3].
        #expect(problem.line == 11)
        #expect(error.description.contains(#":11: wards[3].code: "0028" is not a 5-digit GSO code"#))
    }

    @Test func allProblemsAreReportedTogetherInLineOrder() throws {
        let yaml = sample
            .replacing("members: 6", with: "members: 0")
            .replacingOccurrences(of: #"code: "00256""#, with: #"code: "0028""#)
            .replacingOccurrences(of: "field: G15-TP07", with: "field: NOPE")
        let error = try #require(try loadError(yaml).error)
        let paths = error.problems.map(\.path)
        #expect(paths.contains("procedures[0].field"))
        #expect(paths.contains("wards[3].code"))
        #expect(paths.contains("teams[2].members"))
        let lines = error.problems.compactMap(\.line)
        #expect(lines == lines.sorted())
        #expect(error.description.split(separator: "\n").count == error.problems.count)
    }

    @Test func programmaticConfigIsValidatedWithTheSameRules() throws {
        let day = try #require(HanoiDate.startOfDay("2020-01-01"))
        let ward = Ward(code: "00286", name: "Bạch Mai", kind: .ward, validFrom: day, neighbours: ["00286"])
        let district = District(code: "007", name: "Quận Hai Bà Trưng", kind: .urban, validFrom: day, wards: [ward])
        let team = Team(id: "00286-T01", wardCode: "00286", name: "Tổ 1", members: 0, skills: ["G15-TP07"])
        let config = DistrictConfig(district: district, fields: [], procedures: [], teams: [team])
        let error = try #require(throws: ConfigError.self) { try config.validate(source: "in-memory") }
        #expect(Set(error.problems.map(\.path)) == ["wards[0].neighbours[0]", "teams[0].members", "teams[0].skills[0]"])
        #expect(error.description.hasPrefix("in-memory: "))
    }
}
