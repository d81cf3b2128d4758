import Testing
import XungKich
@testable import XungKichWire

/// An older worker and a newer dispatcher (and the other way round) still talk: unknown keys are ignored,
/// open vocabularies keep values they do not know.
struct CompatibilityTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func aNewerWorkersExtraFieldsAreIgnored() throws {
        let report = try WireJSON.decode(WorkerReport.self, from: bytes(
            #"{"state":"ACCEPTED","update":2,"team":"00286-T01","at":1764500000.5,"member":"lan"}"#))
        #expect(report.state == .accepted)
        #expect(report.update == 2)
        #expect(report.team == "00286-T01")
    }

    @Test func anUnknownEventKindIsKeptForFollowersToSkip() throws {
        let event = try WireJSON.decode(WireEvent.self, from: bytes(
            #"{"seq":9,"at":1,"kind":"unit-switched","requestId":"007-0000001","ward":"00286","detail":{"from":"00259"}}"#))
        #expect(event.kind == EventKind("unit-switched"))
        #expect(event.kind != .accepted)
        #expect(event.detail == EventDetail())
    }

    @Test func reportsRoundTripWithSortedKeysAndNoNulls() throws {
        let report = WorkerReport(outcome: .submittedFullOnline, team: "00286-T01", mode: .fullProcess, legacyLevel: 4,
                                  dossiers: ["000.00.07.H26-251130-0001"], portal: "dichvucong.gov.vn")
        let text = String(decoding: report.json, as: UTF8.self)
        #expect(text == #"{"dossiers":["000.00.07.H26-251130-0001"],"legacyLevel":4,"mode":"toan-trinh","#
            + #""outcome":"SUBMITTED_FULL_ONLINE","portal":"dichvucong.gov.vn","team":"00286-T01"}"#)
        #expect(try WireJSON.decode(WorkerReport.self, from: report.json) == report)
    }

    @Test func aDeliveryBuiltAroundStoredBytesDecodesAsTheRequest() throws {
        let request = HelpRequest(ward: "00286", procedure: "1.001193", helpType: .vneidRecovery, channel: .zalo,
                                  citizen: Citizen(shortName: "Bà Lan", phone: "0912345101", ageBand: .from70To79),
                                  consent: Consent(given: true, textVersion: "v1"), note: "Quên mật khẩu")
        let body = WardDelivery.json(id: "007-0000042", attempt: 2, encodedRequest: WireJSON.encode(request))
        let delivery = try WireJSON.decode(WardDelivery.self, from: body)
        #expect(delivery.id == "007-0000042")
        #expect(delivery.attempt == 2)
        #expect(delivery.request.citizen?.phone == "0912345101")
        #expect(delivery.request.note == "Quên mật khẩu")
        #expect(DuplicateKeyCheck.firstDuplicate(in: body) == nil)
    }
}

/// A newer dispatcher's vocabulary must not stop an older follower: the event is read, the unknown value kept aside.
struct NewerVocabularyTests {
    @Test func anUnknownOutcomeOrStateLeavesTheEventReadable() throws {
        let event = try WireJSON.decode(WireEvent.self, from: Array(
            #"{"seq":4,"at":2,"kind":"resolved","state":"ARCHIVED","requestId":"007-0000001","ward":"00286","detail":{"outcome":"SUBMITTED_BY_ROBOT","team":"00286-T01"}}"#.utf8))
        #expect(event.state == nil)
        #expect(event.detail?.outcome == nil)
        #expect(event.detail?.team == "00286-T01")
        #expect(event.detail?.unrecognized == ["outcome": "SUBMITTED_BY_ROBOT"])
        #expect(!String(decoding: WireJSON.encode(event), as: UTF8.self).contains("ROBOT"), "an unknown value is not sent on")
    }
}
