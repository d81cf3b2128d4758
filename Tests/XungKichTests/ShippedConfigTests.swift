import Foundation
import Testing
@testable import XungKich

@Suite("Shipped district configs")
struct ShippedConfigTests {
    let hbtPath = configFolder.appendingPathComponent("hai-ba-trung.yaml").path
    let meLinhPath = configFolder.appendingPathComponent("me-linh.yaml").path

    @Test func haiBaTrungHasEighteenWardsAndTwoHundredFiftyTeams() throws {
        let config = try DistrictConfig.load(path: hbtPath)
        #expect(config.district.code == "007")
        #expect(config.district.name == "Quận Hai Bà Trưng")
        #expect(config.district.kind == .urban)
        #expect(config.wards.count == 18)
        #expect(config.teams.count == 250)
        #expect(config.wards.allSatisfy { $0.kind == .ward })
        #expect(Set(config.teams.map(\.id)).count == 250)
        #expect(config.teams.allSatisfy { (4...6).contains($0.members) })
    }

    @Test func bachMaiIsWard00286() throws {
        let config = try DistrictConfig.load(path: hbtPath)
        let bachMai = try #require(config.ward(code: "00286"))
        #expect(bachMai.name == "Bạch Mai")
        #expect(bachMai.fullName == "Phường Bạch Mai")
        #expect(bachMai.serviceName == "ward.00286")
        #expect(config.ward(serviceName: "ward.00286") == bachMai)
        #expect(config.serviceNames.contains("ward.00286"))
        #expect(config.serviceNames.count == 18)
        #expect(config.teams(inWard: "00286").count >= 13)
        #expect(config.team(id: "00286-T03")?.name == "Tổ xung kích số 3 – Bạch Mai")
    }

    @Test func haiBaTrungLayoutEndsWith2024() throws {
        let config = try DistrictConfig.load(path: hbtPath)
        let lastDay = try #require(HanoiDate.startOfDay("2024-12-31"))
        let newLayout = try #require(HanoiDate.startOfDay("2025-01-01"))
        #expect(config.wards(validOn: lastDay.addingTimeInterval(23 * 3600)).count == 18)
        #expect(config.wards(validOn: newLayout).isEmpty)
        #expect(config.district.isValid(on: lastDay))
        #expect(!config.district.isValid(on: newLayout))
    }

    @Test func meLinhHasTwoTownsAndSixteenCommunes() throws {
        let config = try DistrictConfig.load(path: meLinhPath)
        #expect(config.district.code == "250")
        #expect(config.district.name == "Huyện Mê Linh")
        #expect(config.district.kind == .rural)
        #expect(config.wards.count == 18)
        #expect(config.wards.filter { $0.kind == .town }.map(\.name).sorted() == ["Chi Đông", "Quang Minh"])
        #expect(config.wards.filter { $0.kind == .commune }.count == 16)
        #expect(config.ward(code: "09010")?.fullName == "Xã Mê Linh")
        for ward in config.wards {
            #expect((4...8).contains(config.teams(inWard: ward.code).count), "\(ward.name)")
        }
    }

    @Test(arguments: ["hai-ba-trung.yaml", "me-linh.yaml"])
    func neighboursAreSymmetricAndPlausible(file: String) throws {
        let config = try DistrictConfig.load(path: configFolder.appendingPathComponent(file).path)
        for ward in config.wards {
            #expect((2...4).contains(ward.neighbours.count), "\(ward.name) has \(ward.neighbours.count) neighbours")
            #expect(!ward.neighbours.contains(ward.code))
            for code in ward.neighbours {
                let other = try #require(config.ward(code: code), "\(ward.name) lists unknown \(code)")
                #expect(other.neighbours.contains(ward.code), "\(other.name) does not list \(ward.name)")
            }
        }
    }

    @Test(arguments: ["hai-ba-trung.yaml", "me-linh.yaml"])
    func everyWardHasAnActiveTeamForEveryField(file: String) throws {
        let config = try DistrictConfig.load(path: configFolder.appendingPathComponent(file).path)
        #expect(config.fields.count == 8)
        #expect(config.coverageGaps().isEmpty, "\(config.coverageGaps())")
        #expect(config.field(code: "G07-LĐ09")?.name == "Người có công")
        #expect(config.procedure(code: "1.001193")?.fieldCode == "G15-TP07")
        #expect(config.procedure(code: "1.001022")?.name == "Đăng ký nhận cha, mẹ, con")
        #expect(config.teams.allSatisfy { $0.id.hasPrefix($0.wardCode + "-T") })
    }

    @Test(arguments: ["hai-ba-trung.yaml", "me-linh.yaml"])
    func shippedConfigsPassProgrammaticValidation(file: String) throws {
        let config = try DistrictConfig.load(path: configFolder.appendingPathComponent(file).path)
        try config.validate(source: file)
    }
}
