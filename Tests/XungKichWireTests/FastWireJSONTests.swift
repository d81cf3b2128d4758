import Foundation
import Testing
import XungKich
@testable import XungKichWire

/// The dispatcher writes help requests, event details and submit answers without Foundation's encoder on its hot
/// path; what it writes must be the very bytes `WireJSON.encode` writes (keys sorted, same escapes), or equal
/// messages would stop being equal bytes.
struct FastWireJSONTests {
    static let texts = [
        "", "TDP 5", "Bà Lan", "Nguyễn Thị Ngọc Ánh", "say \"hi\"", #"back\slash"#, "a/b", "emoji 🚑", "\u{2028}sep",
        "tab\there", "line\nbreak", "bell\u{07}", "del\u{7F}",
    ]

    static var requests: [HelpRequest] {
        var list = [
            HelpRequest(ward: "00286", procedure: "1.001193", helpType: .submitDossier, channel: .walkIn,
                        priority: PriorityFlags(elderly: true), citizen: Citizen(ageBand: .from70To79)),
            HelpRequest(procedure: "1.001193", helpType: .information, channel: .zalo),
        ]
        for text in texts {
            list.append(HelpRequest(
                ward: "00286", residentialGroup: text, procedure: "1.001193", field: "G15-TP07", helpType: .vneidSetup,
                channel: .hotline, priority: PriorityFlags(disability: true, noSmartphone: true, deadline: "2025-12-01"),
                citizen: Citizen(shortName: text, phone: "0912345678", ageBand: .from80),
                consent: Consent(given: true, textVersion: "XK-HBT-2024-01"), note: text, idempotencyKey: "key-\(text)"))
        }
        return list
    }

    @Test(arguments: requests)
    func helpRequestIsWrittenAsTheEncoderWritesIt(_ request: HelpRequest) {
        let expected = WireJSON.encode(request)
        if let fast = request.fastWireJSON {
            #expect(String(decoding: fast, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        } else {
            // Left to the encoder only for text with control characters.
            #expect(request.note?.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) == true)
        }
    }

    static var details: [EventDetail] {
        var accepted = EventDetail()
        accepted.procedure = "1.001193"
        accepted.field = "G15-TP07"
        accepted.priority = true
        accepted.helpType = .submitDossier
        accepted.channel = .walkIn
        accepted.ageBand = .from70To79
        accepted.residentialGroup = "TDP 5"
        accepted.citizen = "0123456789abcdef01234567"
        var delivered = EventDetail()
        delivered.attempt = 2
        delivered.to = "00289"
        delivered.attempts = 5
        var report = EventDetail(report: WorkerReport(outcome: .guidedOnly))
        report.team = "00286-T03"
        report.member = "lan.nguyen"
        report.dossiers = ["H01.39-241201-0001", "Bà \"Lan\" / hồ sơ"]
        report.portal = "dichvucong.gov.vn"
        report.referredTo = .oneStop
        report.legacyLevel = 3
        report.update = 7
        report.declined = false
        report.mode = .partial
        report.waitReason = .missingDocuments
        report.failureReason = FailureReason.allCases.first
        report.state = .inProgress
        var withText = EventDetail()
        withText.residentialGroup = "Tổ dân phố 5"
        withText.dossiers = []
        return [EventDetail(), accepted, delivered, report, withText]
    }

    @Test(arguments: details)
    func eventDetailIsWrittenAsTheEncoderWritesIt(_ detail: EventDetail) throws {
        let fast = try #require(detail.fastWireJSON)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: WireJSON.encode(detail), as: UTF8.self))
    }

    /// A field added to a request or a detail must be added to its fast writer too, or the journal would drop it
    /// silently: with every field set (the mirror proves none was missed), both writers still agree.
    @Test func everyFieldIsWrittenByTheFastWriters() throws {
        var detail = EventDetail()
        detail.procedure = "1.001193"; detail.field = "G15-TP07"; detail.priority = true; detail.helpType = .submitDossier
        detail.channel = .walkIn; detail.ageBand = .from60To69; detail.residentialGroup = "TDP 1"; detail.citizen = "ab12"
        detail.remappedFrom = "00259@2020-01-01"; detail.candidates = ["00226@2025-07-01", "00256@2025-07-01"]
        detail.attempt = 1; detail.to = "00256"; detail.attempts = 2; detail.state = .resolved; detail.outcome = .guidedOnly
        detail.declined = true; detail.update = 3; detail.team = "00256-T01"; detail.waitReason = .missingDocuments
        detail.failureReason = FailureReason.allCases.first; detail.mode = .partial; detail.legacyLevel = 4
        detail.dossiers = ["H01"]; detail.portal = "dichvucong.gov.vn"; detail.referredTo = .oneStop; detail.member = "lan"
        // retryInSeconds is left to the encoder on purpose (aRetryDelayIsLeftToTheEncoder).
        let unset = Mirror(reflecting: detail).children.filter { child in
            guard let label = child.label, label != "retryInSeconds", label != "unrecognized" else { return false }
            return "\(child.value)" == "nil"
        }.compactMap(\.label)
        #expect(unset.isEmpty, "set these in the test and write them in EventDetail.fastWireJSON: \(unset)")
        let fast = try #require(detail.fastWireJSON)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: WireJSON.encode(detail), as: UTF8.self))

        let request = HelpRequest(
            ward: "00256", residentialGroup: "TDP 1", procedure: "1.001193", field: "G15-TP07", helpType: .vneidSetup,
            channel: .hotline, priority: PriorityFlags(disability: true, noSmartphone: true, deadline: "2026-12-01"),
            citizen: Citizen(shortName: "Bà Lan", phone: "0912345678", ageBand: .from80),
            consent: Consent(given: true, textVersion: "XK-HBT-2024-01"), note: "n", idempotencyKey: "k",
            filedOn: "2026-01-10")
        let unsetRequest = Mirror(reflecting: request).children.filter { "\($0.value)" == "nil" }.compactMap(\.label)
        #expect(unsetRequest.isEmpty, "set these in the test and write them in HelpRequest.fastWireJSON: \(unsetRequest)")
        let fastRequest = try #require(request.fastWireJSON)
        #expect(String(decoding: fastRequest, as: UTF8.self) == String(decoding: WireJSON.encode(request), as: UTF8.self))
    }

    @Test func aRetryDelayIsLeftToTheEncoder() {
        var detail = EventDetail()
        detail.retryInSeconds = 1.5
        #expect(detail.fastWireJSON == nil)
    }

    @Test(arguments: ["007-0000042", "HBT-000042", "odd \"id\"", "Hà/Nội"])
    func submitAnswerIsWrittenAsTheEncoderWritesIt(_ id: String) {
        for duplicate in [false, true] {
            let answer = SubmitAnswer(id: RequestID(id), duplicate: duplicate)
            #expect(String(decoding: answer.json, as: UTF8.self) == String(decoding: WireJSON.encode(answer), as: UTF8.self))
        }
    }
}
