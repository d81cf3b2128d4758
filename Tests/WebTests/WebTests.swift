import Foundation
import Testing
@testable import Web
import XungKich
import XungKichWire

@Suite("Web: language, numbers, users, charts, Open311")
struct WebTests {
    @Test("Vietnamese unless the visitor chose English or their browser prefers it")
    func language() {
        #expect(Language.negotiate(chosen: nil, acceptLanguage: nil) == .vi)
        #expect(Language.negotiate(chosen: nil, acceptLanguage: "en-US,en;q=0.9") == .en)
        #expect(Language.negotiate(chosen: nil, acceptLanguage: "vi-VN,vi;q=0.9,en;q=0.8") == .vi)
        #expect(Language.negotiate(chosen: nil, acceptLanguage: "fr-FR, en;q=0.5, vi;q=0.7") == .vi)
        #expect(Language.negotiate(chosen: nil, acceptLanguage: "de, fr") == .vi)
        #expect(Language.negotiate(chosen: "en", acceptLanguage: "vi") == .en)
        #expect(Language.negotiate(chosen: "xx", acceptLanguage: "en") == .en)
    }

    @Test("every phrase has Vietnamese and English")
    func catalogue() {
        for phrase in Phrase.allCases {
            let entry = Catalogue.entries[phrase]
            #expect(entry != nil, "missing \(phrase)")
            #expect(entry?.vi.isEmpty == false && entry?.en.isEmpty == false)
        }
        let (vi, en) = (Language.vi, Language.en)
        #expect(vi(.overview) == "Tổng quan quận" && en(.overview) == "District overview")
    }

    @Test("decimal comma, dd/MM/yyyy, counts of 1 to 4 hidden and rates made from them too")
    func numbers() {
        #expect(Numbers.rate(Rate(numerator: 12, denominator: 30)) == "40,0 % (12/30)")
        #expect(Numbers.rate(Rate(numerator: 3, denominator: 30)) == "<5")
        #expect(Numbers.rate(Rate(numerator: 0, denominator: 0)) == "–")
        #expect(Numbers.count(0) == "0" && Numbers.count(4) == "<5" && Numbers.count(5) == "5")
        #expect(Numbers.day("2026-11-30") == "30/11/2026")
        #expect(Numbers.hanoiTime(0) == "01/01/1970 07:00")
        #expect(Numbers.iso8601(0) == "1970-01-01T07:00:00+07:00")
    }

    @Test("a ward with 1 to 4 requests shows nothing but <5 in every cell")
    func smallWard() {
        var row = StatsRow(key: "00286", received: 3, resolved: 2, open: 1, onlineSubmissions: 2, fullProcess: 1, failed: 0,
                           aged60Plus: 0)
        #expect(Set(RowCells.texts(row, lang: .vi, now: 0).values) == ["<5"])
        row.received = 40
        row.resolved = 30
        row.onlineSubmissions = 12
        row.fullProcess = 7
        let texts = RowCells.texts(row, lang: .vi, now: 0)
        #expect(texts["received"] == "40" && texts["full"] == "7" && texts["partial"] == "5")
        #expect(texts["conversion"] == "40,0 % (12/30)")
    }

    @Test("the users file keeps bcrypt hashes, never the password, and checks passwords with them")
    func users() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("web-users-\(UUID()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = try WebUsers.load(path: path)
        try file.set(name: "lan", role: .officer, password: "mat-khau-tot")
        try file.set(name: "minh", role: .viewer, password: "mat-khau-khac")
        try file.save(path: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("mat-khau"))
        let loaded = try WebUsers.load(path: path)
        #expect(loaded.verify(name: "lan", password: "mat-khau-tot")?.role == .officer)
        #expect(loaded.verify(name: "lan", password: "mat-khau-khac") == nil)
        #expect(loaded.verify(name: "ai-do", password: "mat-khau-tot") == nil)
        #expect(throws: WebError.self) { try file.set(name: "x y", role: .viewer, password: "mat-khau-tot") }
        #expect(throws: WebError.self) { try file.set(name: "ngan", role: .viewer, password: "ngan") }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a chart draws one element per shown point, with its exact figure as a title, and skips hidden ones")
    func charts() {
        let svg = SVGChart.bars([.init(label: "29/11", value: 12, title: "29/11/2026: 12"),
                                 .init(label: "30/11", value: nil, title: "30/11/2026: <5")], caption: "Yêu cầu")
        #expect(svg.components(separatedBy: "class=\"bar\"").count == 2)
        #expect(svg.contains("<title>29/11/2026: 12</title>") && !svg.contains("<title>30/11/2026"))
        let line = SVGChart.line([.init(label: "a", value: 0.4, title: "40,0 %"), .init(label: "b", value: 0.5, title: "50,0 %")],
                                 caption: "Tỷ lệ", percent: true, maximum: 1)
        #expect(line.components(separatedBy: "class=\"point\"").count == 3 && line.contains("100,0 %"))
    }

    @Test("an Open311 request has every GeoReport v2 field, the ward as agency, and nothing about the citizen")
    func open311() throws {
        let config = try DistrictConfig.load(path: Self.repo + "/config/hai-ba-trung.yaml")
        let ward = try #require(config.wards.first)
        let item = PublicRequest(id: "007-0000042", district: "007", ward: ward.code, procedure: "1.001193", field: "G15-TP07",
                                 helpType: "submit_dossier", state: "RESOLVED", outcome: "SUBMITTED_FULL_ONLINE", open: false,
                                 receivedAt: 1_764_460_800, updatedAt: 1_764_464_400)
        let data = try JSONEncoder().encode(Open311.request(item, configs: [config]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
                    "address", "address_id", "zipcode", "lat", "long", "media_url"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["status"] as? String == "closed")
        #expect(object["service_name"] as? String == "Đăng ký khai sinh")
        #expect(object["agency_responsible"] as? String == ward.name)
        #expect(object["requested_datetime"] as? String == "2025-11-30T07:00:00+07:00")
        let services = Open311.services([config])
        #expect(services.contains { $0.service_code == "1.001193" } && services.contains { $0.service_code == "vneid_setup" })
    }

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}
