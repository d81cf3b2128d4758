import Dispatcher
import Foundation
import Testing
import XungKich
import XungKichWire

/// The citizen key the statistics count distinct citizens by: stable for a phone under one dispatcher's
/// secret, unrelated under another, and never the phone itself.
@Suite("Citizen pseudonyms")
struct CitizenPseudonymTests {
    @Test("the same phone gives the same key under one secret and another key under another secret")
    func keyedAndStable() {
        let one = CitizenPseudonym(secret: Array(repeating: 1, count: 32))
        let other = CitizenPseudonym(secret: Array(repeating: 2, count: 32))
        let key = one.pseudonym(phone: "0912345678")
        #expect(key == one.pseudonym(phone: "0912345678"))
        #expect(key != one.pseudonym(phone: "0912345679"))
        #expect(key != other.pseudonym(phone: "0912345678"))
        #expect(key.count == 24)
        #expect(!key.contains("12345678"))
    }

    @Test("the key file is made once, owner-only, and a damaged one is refused with what to do")
    func keyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xk-key-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try CitizenPseudonym.loadOrCreate(directory: folder)
        let again = try CitizenPseudonym.loadOrCreate(directory: folder)
        #expect(first.pseudonym(phone: "0987654321") == again.pseudonym(phone: "0987654321"))
        let path = folder + "/citizen-pseudonym.key"
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(throws: CitizenPseudonym.KeyError.self) { try CitizenPseudonym.loadOrCreate(directory: folder) }
    }

    @Test("an accepted request's facts carry the group and the pseudonym, never the phone or name")
    func intakeFacts() throws {
        let config = try DistrictConfig.load(path: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/hai-ba-trung.yaml").path)
        let validate = HelpRequestIntake.validator(for: config, pseudonyms: CitizenPseudonym(secret: Array(repeating: 7, count: 32)))
        let body = #"{"ward":"00286","residentialGroup":"TDP 5","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","citizen":{"shortName":"Bà Lan","phone":"0912 345 678","ageBand":"70_79"},"consent":{"given":true,"textVersion":"XK-HBT-2024-01"}}"#
        guard case .success(let accepted) = validate(Array(body.utf8)) else {
            Issue.record("the request was refused")
            return
        }
        #expect(accepted.facts.residentialGroup == "TDP 5")
        #expect(accepted.facts.citizen?.count == 24)
        let facts = String(decoding: try WireJSON.encodeOrThrow(accepted.facts), as: UTF8.self)
        #expect(facts.contains("TDP 5"), "the facts as journaled: \(facts)")
        #expect(!facts.contains("0912345678") && !facts.contains("345 678") && !facts.contains("Lan"))
    }
}
