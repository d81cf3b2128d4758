import Foundation
import Testing
@testable import XungKich

private func day(_ text: String) -> Date { HanoiDate.startOfDay(text) ?? .distantPast }

/// The repository's docs/hanoi-2025 folder (the reference data config/ha-noi.yaml is generated from).
private let dataFolder = configFolder.deletingLastPathComponent().appendingPathComponent("docs/hanoi-2025")

@Suite("Units are (code, period): Hà Nội's 126 units since 2025-07-01 and their crosswalk")
struct UnitLayoutTests {
    let haNoiPath = configFolder.appendingPathComponent("ha-noi.yaml").path
    let hbtPath = configFolder.appendingPathComponent("hai-ba-trung.yaml").path

    @Test("ha-noi.yaml: the city with 126 units (51 phường, 75 xã) from 2025-07-01, the old layouts loaded with it")
    func haNoiLayout() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        #expect(config.district.code == "01")
        #expect(config.district.kind == .city)
        #expect(config.wards.count == 126)
        #expect(config.wards.filter { $0.kind == .ward }.count == 51)
        #expect(config.wards.filter { $0.kind == .commune }.count == 75)
        #expect(config.wards.allSatisfy { HanoiDate.isoDay($0.validFrom) == "2025-07-01" && $0.validTo == nil })
        // Hai Bà Trưng's 18 wards and Mê Linh's 18 units of 2020–2024 come with it, and their 15 and 17 of 2025-H1.
        #expect(config.formerUnits.count == 36 + 15 + 17)
        #expect(config.unit(key: UnitKey(code: "00256", validFrom: "2020-01-01"))?.name == "Lê Đại Hành")
        #expect(config.unit(key: UnitKey(code: "00256", validFrom: "2025-07-01"))?.name == "Hai Bà Trưng")
    }

    @Test("00256 is Lê Đại Hành on 2024-06-01 and Phường Hai Bà Trưng on 2026-01-10: two units, two keys")
    func codeReuse() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        guard case .unit(let old) = config.resolve(code: "00256", on: day("2024-06-01")),
              case .unit(let new) = config.resolve(code: "00256", on: day("2026-01-10")) else {
            Issue.record("00256 did not resolve on both days")
            return
        }
        #expect(old.fullName == "Phường Lê Đại Hành")
        #expect(new.fullName == "Phường Hai Bà Trưng")
        #expect(old.key != new.key)
        #expect(old.key.text == "00256@2020-01-01")
        #expect(new.key.text == "00256@2025-07-01")
    }

    @Test("Đồng Nhân (00259) after 2025-07-01 goes to its one whole successor, Phường Hai Bà Trưng")
    func wholeSuccessor() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        guard case let .remapped(from, fromName, to, _) = config.resolve(code: "00259", on: day("2026-01-10")) else {
            Issue.record("00259 was not remapped")
            return
        }
        // The last unit with the code: Đồng Nhân of 2025-01-01…2025-06-30.
        #expect(from.text == "00259@2025-01-01")
        #expect(fromName == "Phường Đồng Nhân")
        #expect(to.key.text == "00256@2025-07-01")
        // A request for it is accepted under the successor, with where it came from.
        let valid = try HelpRequest(ward: "00259", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn,
                                    filedOn: "2026-01-10").validated(against: config, now: day("2026-11-30"))
        #expect(valid.ward.key.text == "00256@2025-07-01")
        #expect(valid.request.ward == "00256")
        #expect(valid.remappedFrom?.text == "00259@2025-01-01")
    }

    @Test("a split ward (Nguyễn Du) after 2025-07-01 is refused, naming every successor")
    func splitIsRefused() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        let request = HelpRequest(ward: "00241", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn)
        do {
            _ = try request.validated(against: config, now: day("2026-01-10"))
            Issue.record("a split ward was accepted")
        } catch {
            let message = error.problems.first { $0.field == "ward" }?.message ?? ""
            #expect(message.contains("Phường Nguyễn Du (00241) was split between"))
            #expect(message.contains("Phường Cửa Nam (00082, part)"))
            #expect(message.contains("Phường Hai Bà Trưng (00256, part)"))
            #expect(message.contains("Phường Văn Miếu - Quốc Tử Giám (00226, part)"))
            #expect(message.contains("on 01/07/2025"))
        }
    }

    @Test("a ward whose successor is not in the sources (Đống Mác) is refused saying so; a day in the future is refused")
    func unknownSuccessorAndFutureDay() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        let request = HelpRequest(ward: "00265", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn)
        #expect(throws: HelpRequestError.self) { try request.validated(against: config, now: day("2026-01-10")) }
        let refusal = config.resolve(code: "00265", on: day("2026-01-10")).refusal(code: "00265", day: "2026-01-10") ?? ""
        #expect(refusal.contains("successor is not in the loaded crosswalk"))
        var later = HelpRequest(ward: "00256", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn)
        later.filedOn = "2026-12-01"
        do {
            _ = try later.validated(against: config, now: day("2026-11-30"))
            Issue.record("a day after today was accepted")
        } catch {
            #expect(error.problems.contains { $0.field == "filedOn" && $0.message.contains("after today") })
        }
    }

    @Test("a CSV of paper records with filed_on: each row's ward is read on its day; a split ward's row is refused by line")
    func csvFiledOn() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        let text = "ward,procedure,help_type,channel,filed_on\n00259,1.001193,submit_dossier,walk_in,10/01/2026\n"
            + "00256,1.001193,submit_dossier,walk_in,2024-06-01\n00241,1.001193,submit_dossier,walk_in,2026-01-10\n"
        let parsed = HelpRequestCSV.parse(text: text, config: config)
        #expect(parsed.rows.map(\.request.ward) == ["00256", "00256"])
        #expect(parsed.rows.map(\.request.filedOn) == ["2026-01-10", "2024-06-01"])
        #expect(parsed.problems.map(\.line) == [4])
        #expect(parsed.problems.first?.message.contains("was split between") == true)
        // Two rows alike but for the day are two requests (their derived keys differ).
        let twice = HelpRequestCSV.parse(text: "ward,procedure,filed_on\n00256,1.001193,2026-01-10\n00256,1.001193,2026-01-11\n", config: config)
        #expect(Set(twice.rows.compactMap(\.request.idempotencyKey)).count == 2)
    }

    @Test("a config of a past layout alone (no crosswalk) keeps accepting its codes, under their dated unit")
    func pastLayoutAlone() throws {
        let config = try DistrictConfig.load(path: hbtPath)
        let valid = try HelpRequest(ward: "00286", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn)
            .validated(against: config, now: day("2026-11-30"))
        #expect(valid.ward.key.text == "00286@2020-01-01")
        #expect(valid.remappedFrom == nil)
    }

    @Test("ha-noi.yaml is exactly what `xk units generate` makes from docs/hanoi-2025 and the old configs")
    func generatedFileIsUpToDate() throws {
        let shipped = try String(contentsOfFile: haNoiPath, encoding: .utf8)
        let read = { (name: String) in try String(contentsOf: dataFolder.appendingPathComponent(name), encoding: .utf8) }
        let header = shipped.split(separator: "\n").first { $0.hasPrefix("# GENERATED") } ?? ""
        let command = String(header.dropFirst("# GENERATED; do not edit by hand. Made by: ".count))
        let load = { (name: String) in try DistrictConfig.load(path: configFolder.appendingPathComponent(name).path) }
        var generator = LayoutGenerator(
            jurisdiction: .init(code: "01", name: "Thành phố Hà Nội", kind: .city),
            units: ("docs/hanoi-2025/units-2025.csv", try read("units-2025.csv")),
            crosswalks: [("docs/hanoi-2025/hai-ba-trung-to-2025.csv", try read("hai-ba-trung-to-2025.csv")),
                         ("docs/hanoi-2025/me-linh-to-2025.csv", try read("me-linh-to-2025.csv"))],
            predecessors: [("hai-ba-trung.yaml", try load("hai-ba-trung.yaml")), ("me-linh.yaml", try load("me-linh.yaml")),
                           ("hai-ba-trung-2025.yaml", try load("hai-ba-trung-2025.yaml")),
                           ("me-linh-2025.yaml", try load("me-linh-2025.yaml"))],
            command: command)
        generator.rosters = "ha-noi.rosters"
        #expect(try generator.generate() == shipped)
    }

    @Test("the 2025-H1 layouts are exactly what `xk units generate --period 2025-01-01..2025-06-30` makes from the crosswalk rows", arguments: [
        ("hai-ba-trung-2025.yaml", "hai-ba-trung.yaml", "hai-ba-trung-to-2025.csv", "007", "Quận Hai Bà Trưng", DistrictKind.urban),
        ("me-linh-2025.yaml", "me-linh.yaml", "me-linh-to-2025.csv", "250", "Huyện Mê Linh", DistrictKind.rural),
    ])
    func pastLayoutsAreGenerated(file: String, from: String, crosswalk: String, code: String, name: String, kind: DistrictKind) throws {
        let shipped = try String(contentsOfFile: configFolder.appendingPathComponent(file).path, encoding: .utf8)
        let header = shipped.split(separator: "\n").first { $0.hasPrefix("# GENERATED") } ?? ""
        var generator = LayoutGenerator(
            jurisdiction: .init(code: code, name: name, kind: kind), units: ("", ""),
            crosswalks: [("docs/hanoi-2025/\(crosswalk)", try String(contentsOf: dataFolder.appendingPathComponent(crosswalk), encoding: .utf8))],
            predecessors: [(from, try DistrictConfig.load(path: configFolder.appendingPathComponent(from).path))],
            command: String(header.dropFirst("# GENERATED; do not edit by hand. Made by: ".count)))
        generator.period = "2025-01-01..2025-06-30"
        #expect(try generator.generate() == shipped)
    }

    @Test("Hai Bà Trưng of 2025-01-01…2025-06-30: 15 wards; the 2020–2024 wards continue into them, the three the sources name no successor for are refused")
    func firstHalfOf2025() throws {
        let config = try DistrictConfig.load(path: configFolder.appendingPathComponent("hai-ba-trung-2025.yaml").path)
        #expect(config.district.code == "007")
        #expect(config.wards.count == 15)
        #expect(config.wards.allSatisfy { HanoiDate.isoDay($0.validFrom) == "2025-01-01" && $0.validTo.map(HanoiDate.isoDay) == "2025-06-30" })
        #expect(config.formerUnits.allSatisfy { $0.validTo.map(HanoiDate.isoDay) == "2024-12-31" })
        #expect(!config.wards.contains { ["00265", "00274", "00286"].contains($0.code) })
        // Bạch Mai was 00286 until 2024 and 00292 in 2025; Quỳnh Lôi's code went to it (inferred, SOURCES.md).
        #expect(config.wholeSuccessor(of: UnitKey(code: "00286", validFrom: "2020-01-01"), on: day("2025-03-01"))?.key.text == "00292@2025-01-01")
        #expect(config.wholeSuccessor(of: UnitKey(code: "00292", validFrom: "2020-01-01"), on: day("2025-03-01"))?.key.text == "00292@2025-01-01")
        for code in ["00265", "00274"] {
            let refusal = config.resolve(code: code, on: day("2025-03-01")).refusal(code: code, day: "2025-03-01") ?? ""
            #expect(refusal.contains("successor is not in the loaded crosswalk"))
        }
    }

    @Test("a request for Bạch Mai (00292) filed 2025-03-01 is under the 2025-H1 unit; 00286 that day goes to it; 00292 is Quỳnh Lôi in 2024 and the new Bạch Mai in 2026")
    func bachMaiAcrossThreeLayouts() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        let march = try HelpRequest(ward: "00292", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn,
                                    filedOn: "2025-03-01").validated(against: config, now: day("2026-11-30"))
        #expect(march.ward.key.text == "00292@2025-01-01")
        #expect(march.ward.fullNameWithPeriod == "Phường Bạch Mai (2025-01-01…2025-06-30)")
        #expect(march.remappedFrom == nil)
        let old = try HelpRequest(ward: "00286", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn,
                                  filedOn: "2025-03-01").validated(against: config, now: day("2026-11-30"))
        #expect(old.ward.key.text == "00292@2025-01-01")
        #expect(old.remappedFrom?.text == "00286@2020-01-01")
        guard case .unit(let quynhLoi) = config.resolve(code: "00292", on: day("2024-06-01")),
              case .unit(let today) = config.resolve(code: "00292", on: day("2026-01-10")) else {
            Issue.record("00292 did not resolve in 2024 and 2026")
            return
        }
        #expect(quynhLoi.fullName == "Phường Quỳnh Lôi")
        #expect(today.key.text == "00292@2025-07-01")
        // As of 2025-07-01 the half-year's Bạch Mai went whole into today's; a 2020 ward follows both steps.
        #expect(config.wholeSuccessor(of: march.ward.key, on: day("2025-07-01"))?.key.text == "00292@2025-07-01")
        #expect(config.wholeSuccessor(of: UnitKey(code: "00286", validFrom: "2020-01-01"), on: day("2025-07-01"))?.key.text == "00292@2025-07-01")
        // Lê Đại Hành of 2020 continued in 2025-H1 and was then split: the candidates are today's three units.
        let split = config.successors(of: UnitKey(code: "00256", validFrom: "2020-01-01"), on: day("2025-07-01"))
        #expect(Set(split.map(\.to.text)) == ["00256@2025-07-01", "00292@2025-07-01", "00226@2025-07-01"])
        // Đống Mác ended on 2025-01-01 with no successor in the sources: refused on any later day, never guessed.
        #expect(throws: HelpRequestError.self) {
            try HelpRequest(ward: "00265", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn,
                            filedOn: "2025-03-01").validated(against: config, now: day("2026-11-30"))
        }
    }

    @Test("a past layout from crosswalk rows: a bad name, an unknown basis and a unit with nowhere to continue are reported by line; nothing is guessed")
    func pastLayoutProblems() throws {
        let old = try DistrictConfig.load(path: hbtPath)
        let csv = """
            old_code,old_name,new_code,new_name,share,old_period,detail,clause_1656,basis
            00259,Phường Đồng Nhân,00256,Phường Hai Bà Trưng,whole,2025-01-01..2025-06-30,whole,6,resolution-1656
            00262,Quận Phố Huế,00256,Phường Hai Bà Trưng,whole,2025-01-01..2025-06-30,whole,6,resolution-1656
            00259,Phường Đồng Nhân,00256,Phường Hai Bà Trưng,whole,2020-2024,whole,6,inferred-continuation
            00241,Phường Nguyễn Du,00082,Phường Cửa Nam,part,2020-2024,part_area_and_population,2,inferred-continuation
            00244,Phường Bạch Đằng,00256,Phường Hai Bà Trưng,part,2020-2024,part_area_and_population,6,guessed
            00265,Phường Đống Mác,,,,2020-2024,,,unresolved-1286

            """
        var generator = LayoutGenerator(jurisdiction: .init(code: "007", name: "Quận Hai Bà Trưng", kind: .urban),
                                        units: ("", ""), crosswalks: [("c.csv", csv)],
                                        predecessors: [("hai-ba-trung.yaml", old)], command: "test")
        generator.period = "2025-01-01..2025-06-30"
        do {
            _ = try generator.generate()
            Issue.record("bad data was accepted")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains { $0.hasPrefix("c.csv:3:") && $0.contains("does not start with Phường, Xã or Thị trấn") })
            #expect(lines.contains { $0.hasPrefix("c.csv:5:") && $0.contains("Nguyễn Du (inferred-continuation) has no unit of 2025-01-01..2025-06-30") })
            #expect(lines.contains { $0.hasPrefix("c.csv:6:") && $0.contains("basis \"guessed\"") })
            #expect(!lines.contains { $0.hasPrefix("c.csv:7:") }, "no successor named: listed and refused, not a problem")
            #expect(lines.count == 3)
        }
        generator.period = "2025-01-01"
        #expect(throws: GeneratorError.self) { try generator.generate() }
    }

    @Test("team rule: whole wards move all their teams; split wards' teams move to one successor, to be confirmed")
    func teamRule() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        let old = try DistrictConfig.load(path: hbtPath)
        let movedFromHBT = config.teams.filter { $0.formerID.map { id in old.team(id: id) != nil } ?? false }
        // Đống Mác (00265) and Cầu Dền (00274) have no successor in the sources: their teams stay behind.
        let leftBehind = old.teams.filter { ["00265", "00274"].contains($0.wardCode) }.count
        #expect(movedFromHBT.count == 250 - leftBehind)
        // Đồng Nhân went whole into Hai Bà Trưng: its teams are there and confirmed.
        let dongNhan = config.teams.filter { $0.formerID?.hasPrefix("00259-") == true }
        #expect(!dongNhan.isEmpty)
        #expect(dongNhan.allSatisfy { $0.wardCode == "00256" && !$0.toBeConfirmed })
        // Lê Đại Hành was split; the successor that kept its code (00256) takes its teams, to be confirmed.
        let leDaiHanh = config.teams.filter { $0.formerID?.hasPrefix("00256-") == true }
        #expect(!leDaiHanh.isEmpty)
        #expect(leDaiHanh.allSatisfy { $0.wardCode == "00256" && $0.toBeConfirmed })
        // Nguyễn Du kept no code: its teams go where its remainder went (Văn Miếu - Quốc Tử Giám).
        #expect(config.teams.filter { $0.formerID?.hasPrefix("00241-") == true }.allSatisfy { $0.wardCode == "00226" && $0.toBeConfirmed })
        #expect(config.teams.allSatisfy { $0.id.hasPrefix($0.wardCode + "-T") })
    }

    @Test("the generator reports every bad line of the reference data and writes nothing")
    func generatorProblems() throws {
        let old = try DistrictConfig.load(path: hbtPath)
        let generator = LayoutGenerator(
            jurisdiction: .init(code: "01", name: "Thành phố Hà Nội", kind: .city),
            units: ("u.csv", "code,name,kind,valid_from\n00070,Phường Hoàn Kiếm,phường,2025-07-01\n0007,Phường X,phường,2025-07-01\n00082,Phường Cửa Nam,quận,2025-07-01\n"),
            crosswalks: [("c.csv", "old_code,old_name,new_code,new_name,share,old_period\n00241,Phường Nguyễn Du,00099,Phường Y,part,2020-2024\n00259,Phường Đồng Nhân,00070,Phường Hoàn Kiếm,most,2020-2024\n")],
            predecessors: [("hai-ba-trung.yaml", old)], command: "test")
        do {
            _ = try generator.generate()
            Issue.record("bad data was accepted")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains { $0.hasPrefix("u.csv:3:") && $0.contains("5-digit") })
            #expect(lines.contains { $0.hasPrefix("u.csv:4:") && $0.contains("kind") })
            #expect(lines.contains { $0.hasPrefix("c.csv:2:") && $0.contains("00099") })
            #expect(lines.contains { $0.hasPrefix("c.csv:3:") && $0.contains("most") })
        }
    }
}

@Suite("A ward's roster (xk teams import)")
struct RosterImportTests {
    let haNoiPath = configFolder.appendingPathComponent("ha-noi.yaml").path

    @Test("every bad row is reported with its line, and the good ones are numbered in the unit")
    func badRows() throws {
        let config = try DistrictConfig.load(path: haNoiPath)
        let csv = """
            name,members,skills,active
            Tổ 1 Cửa Nam,5,G15-TP07;G01-CA05,
            ,4,G15-TP07,true
            Tổ 3 Cửa Nam,không,G99-XX01,
            Tổ 4 Cửa Nam,6,G01-CA05,maybe
            Tổ 5 Cửa Nam,4,G07-LĐ03,false
            """
        let roster = try RosterImport(unitCode: "00082", csv: csv, config: config)
        try #require(roster.problems.map(\.line) == [3, 4, 5])
        #expect(roster.problems[0].message.contains("name is empty"))
        #expect(roster.problems[1].message.contains("members \"không\""))
        #expect(roster.problems[1].message.contains("skill \"G99-XX01\""))
        #expect(roster.problems[2].message.contains("active \"maybe\""))
        #expect(roster.teams.map(\.id) == ["00082-T01", "00082-T02"])
        #expect(roster.teams[1].active == false)
        #expect(throws: RosterError.self) { try RosterImport(unitCode: "00259", csv: csv, config: config) }
    }

    @Test("an imported roster replaces the unit's teams when the config is loaded")
    func rosterReplacesTeams() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xk-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["ha-noi.yaml", "hai-ba-trung.yaml", "me-linh.yaml", "hai-ba-trung-2025.yaml", "me-linh-2025.yaml"] {
            try FileManager.default.copyItem(at: configFolder.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let path = folder.appendingPathComponent("ha-noi.yaml").path
        let before = try DistrictConfig.load(path: path)
        #expect(before.teams(inWard: "00256").contains { $0.toBeConfirmed })
        let roster = try RosterImport(unitCode: "00256", csv: "name,members,skills\nTổ A,5,G15-TP07\nTổ B,4,G01-CA05\n", config: before)
        let rosters = try #require(try DistrictConfig.rosterFolder(ofConfig: path))
        try FileManager.default.createDirectory(atPath: rosters, withIntermediateDirectories: true)
        try roster.yaml(source: "roster.csv", day: "2026-11-30").write(toFile: rosters + "/00256.yaml", atomically: true, encoding: .utf8)
        let after = try DistrictConfig.load(path: path)
        #expect(after.teams(inWard: "00256").map(\.name) == ["Tổ A", "Tổ B"])
        #expect(after.teams.count == before.teams.count - before.teams(inWard: "00256").count + 2)
    }
}
