import Foundation
import Testing
@testable import XungKich

@Suite("Config files that cannot be read")
struct LoadingErrorTests {
    @Test func missingFileNamesTheFile() throws {
        let path = "/nonexistent/xungkich/hai-ba-trung.yaml"
        let error = try #require(throws: ConfigError.self) { try DistrictConfig.load(path: path) }
        #expect(error.file == path)
        #expect(error.description.hasPrefix("\(path): file not found"))
    }

    @Test func folderIsNotAConfig() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let error = try #require(throws: ConfigError.self) { try DistrictConfig.load(path: folder) }
        #expect(error.description.contains("is a folder"))
    }

    @Test func yamlSyntaxErrorNamesFileAndLine() throws {
        let broken = SampleYAML().text.replacingOccurrences(of: "- {code: G01-CA05, name: Cư trú}",
                                                            with: "- {code: G01-CA05, name: Cư trú")
        let (path, error) = try loadError(broken, name: "me-linh.yaml")
        let configError = try #require(error)
        #expect(configError.file == path)
        #expect(configError.problems.count == 1)
        let line = try #require(configError.problems.first?.line)
        #expect(line >= 4)
        #expect(configError.description.hasPrefix("\(path):\(line): not valid YAML at column "))
        #expect(configError.description.contains("flow mapping that starts on line 4"))
        // Yams quotes the whole file in its own message; ours must stay one line.
        #expect(!configError.description.contains("\n"))
    }

    @Test func duplicateKeyIsReported() throws {
        let yaml = SampleYAML().replacing("name: Hộ tịch}", with: "name: Hộ tịch, name: Cư trú}")
        let error = try #require(try loadError(yaml).error)
        #expect(error.description.contains(#"key "name" appears twice"#))
        #expect(error.problems.first?.line == 3)
    }

    @Test func notUTF8IsReported() throws {
        let path = try writeTemporary("")
        try Data([0x64, 0x69, 0xff, 0xfe, 0x3a]).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ConfigError.self) { try DistrictConfig.load(path: path) }
        #expect(error.description.contains("not UTF-8"))
    }

    @Test(arguments: [
        ("", "file is empty"),
        ("just some words\n", #"expected "key: value" pairs"#),
        ("- a\n- b\n", "found a list"),
    ])
    func wrongShapeOfDocument(yaml: String, reason: String) throws {
        let error = try #require(throws: ConfigError.self) {
            try DistrictConfig.load(yaml: yaml, source: "config/x.yaml")
        }
        #expect(error.description.hasPrefix("config/x.yaml"))
        #expect(error.description.contains(reason), "got: \(error)")
    }

    @Test func loadFromTextUsesTheSourceName() throws {
        let yaml = SampleYAML().replacing("members: 6", with: "members: -1")
        let error = try #require(throws: ConfigError.self) {
            try DistrictConfig.load(yaml: yaml, source: "config/hai-ba-trung.yaml")
        }
        #expect(error.description.contains("config/hai-ba-trung.yaml:"))
        #expect(error.description.contains("teams[2].members: is -1; a team needs at least 1 member"))
    }

    /// Found with Fuzz/FuzzDistrictConfig: nested aliases used as a mapping key made Yams hash ten to the eighth
    /// values ("billion laughs"); the 500-byte file kept the loader busy for minutes.
    @Test(.timeLimit(.minutes(1))) func nestedAliasesAreRefusedQuickly() throws {
        var lines = [#"a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]"#]
        for (previous, name) in zip("abcdefg", "bcdefgh") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        lines += ["? *h", ": 1", "? *h", ": 2"]
        let error = try #require(throws: ConfigError.self) {
            try DistrictConfig.load(yaml: lines.joined(separator: "\n"), source: "laughs.yaml")
        }
        #expect(error.problems.count == 1)
        #expect(error.description.contains("aliases (*name) expand to more than 100000 values"))
    }

    @Test func aFewAliasesStillLoad() throws {
        let yaml = SampleYAML()
            .replacing("skills: [G15-TP07, G01-CA05]}", with: "skills: &both [G15-TP07, G01-CA05]}")
            .replacing("members: 6, skills: [G15-TP07]}", with: "members: 6, skills: *both}")
        let config = try DistrictConfig.load(yaml: yaml, source: "aliases.yaml")
        #expect(config.team(id: "00244-T01")?.skills == ["G15-TP07", "G01-CA05"])
    }
}
