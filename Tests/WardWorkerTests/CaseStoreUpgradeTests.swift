import Foundation
import Storage
import Testing
@testable import WardWorker
import XungKich

@Suite("The ward store of the previous release")
struct CaseStoreUpgradeTests {
    @Test("a case store written by the previous release opens and reads its cases, sealed personal data included")
    func opensAndReads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = root.appendingPathComponent("Tests/Fixtures/release-872db78/ward-00286")
        let folder = NSTemporaryDirectory() + "xk-ward-fixture-\(UUID().uuidString)"
        try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: folder))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cases.sqlite"
        let keys = try PersonalDataKeyFile.loadOrCreate(directory: folder, store: path)
        let store = try CaseStore(path: path, keys: keys)
        let cases = try store.all()
        #expect(cases.count == 2)
        let requests = try cases.map { try HelpRequest.decode(json: Array($0.request)) }
        #expect(requests.allSatisfy { $0.ward == "00286" })
        #expect(requests.contains { $0.citizen?.shortName == "Bà Lan" })
        let bodies = cases.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies.contains { $0.contains("RESOLVED") || $0.contains("SUBMITTED_FULL_ONLINE") })
    }
}
