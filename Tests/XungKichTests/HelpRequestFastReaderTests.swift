import Foundation
import Testing
@testable import XungKich

/// The dispatcher reads plain `xk.submit` bodies without Foundation's decoder. Whatever that reader takes, it must
/// read exactly as Foundation's path does; everything else it must leave to that path (which writes the errors).
@Suite("Help request fast reader")
struct HelpRequestFastReaderTests {
    static let bodies: [String] = [
        #"{"ward":"00286","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in"}"#,
        #"{"channel":"walk_in","citizen":{"ageBand":"70_79"},"helpType":"submit_dossier","priority":{"elderly":true},"procedure":"1.001193","ward":"00286"}"#,
        """
        { "ward" : "00286", "residentialGroup": "TDP 5", "procedure": "1.001193", "field": "G15-TP07",
          "helpType": "vneid_setup", "channel": "hotline",
          "priority": {"elderly": false, "disability": true, "noSmartphone": true, "deadline": "2025-12-01"},
          "citizen": {"shortName": "Bà Lan", "phone": "0912 345 678", "ageBand": "80_plus"},
          "consent": {"given": true, "textVersion": "XK-HBT-2024-01"},
          "note": "Cần hỗ trợ tại nhà / buổi sáng", "idempotencyKey": "k-1" }
        """,
        #"{"ward":null,"residentialGroup":"TDP 5","procedure":"1.001193","helpType":"information","channel":"zalo","priority":null,"citizen":null,"consent":null,"note":null,"idempotencyKey":null,"field":null}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","priority":{"elderly":null,"deadline":null},"citizen":{"phone":null,"ageBand":null}}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","priority":{},"citizen":{}}"#,
        // Left to Foundation: each is refused there, or needs what only it reads.
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","extra":1}"#,
        #"{"ward":286,"procedure":"1.001193","helpType":"information","channel":"zalo"}"#,
        #"{"ward":"00\u003286","procedure":"1.001193","helpType":"information","channel":"zalo"}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"dancing","channel":"zalo"}"#,
        #"{"ward":"00286","procedure":null,"helpType":"information","channel":"zalo"}"#,
        #"{"ward":"00286","helpType":"information","channel":"zalo"}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","priority":{"elderly":"yes"}}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","consent":{"given":true}}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","consent":{"given":null,"textVersion":"v"}}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo","citizen":{"ageBand":"young"}}"#,
        #"{"ward":"00286","ward":"00287","procedure":"1.001193","helpType":"information","channel":"zalo"}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo"} x"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo",}"#,
        #"{"ward":"00286","procedure":"1.001193","helpType":"information","channel":"zalo""#,
        "{\"ward\":\"00286\",\"procedure\":\"1.001193\",\"helpType\":\"information\",\"channel\":\"zalo\",\"note\":\"a\tb\"}",
        #"["ward"]"#, #""text""#, "null", "true", "{}", "{ }",
    ]

    @Test(arguments: bodies)
    func readsWhatFoundationReadsAndLeavesTheRest(_ body: String) throws {
        let bytes = Array(body.utf8)
        let slow = Result<HelpRequest, HelpRequestError> { () throws(HelpRequestError) -> HelpRequest in
            try HelpRequest.decodeWithFoundation(bytes)
        }
        if let fast = HelpRequestFastReader.read(bytes) {
            #expect(try slow.get() == fast)
        }
        // Through the public entry point the answer is Foundation's, error messages included.
        let viaDecode = Result<HelpRequest, HelpRequestError> { () throws(HelpRequestError) -> HelpRequest in
            try HelpRequest.decode(json: bytes)
        }
        switch (viaDecode, slow) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(a == b)
        default: Issue.record("decode(json:) and Foundation's path disagree on \(body)")
        }
    }

    @Test func readsThePlainBodiesItIsFor() {
        #expect(HelpRequestFastReader.read(Array(Self.bodies[1].utf8)) != nil)
        #expect(HelpRequestFastReader.read(Array(Self.bodies[2].utf8)) != nil)
        #expect(HelpRequestFastReader.read(Array(Self.bodies[3].utf8)) != nil)
    }

    @Test func agreesOnTheShippedCorpora() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["Fuzz/Corpus/FuzzHelpRequestJSON", "Tests/XungKichWireTests/Corpus"]
        var checked = 0
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".json") {
                let bytes = [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
                guard let fast = HelpRequestFastReader.read(bytes) else { continue }
                #expect(try HelpRequest.decodeWithFoundation(bytes) == fast, "\(folder)/\(name)")
                checked += 1
            }
        }
        #expect(checked >= 3)
    }
}
