import Foundation
import Testing
import WardWorker
import XungKich
import XungKichWire

@Suite("Resolutions: dossier codes, legacy levels, failure reasons, FINAL JSON")
struct ResolutionTests {
    static let goodCodes = ["000.00.07.H26-230519-0001", "123.45.67.Z99-991231-9999", "000.00.00.A00-000000-0000"]
    static let badCodes = [
        "", "000.00.07.h26-230519-0001", "000.00.07.H26-230519-001", "000.00.07.H26-230519-00001",
        "00.000.07.H26-230519-0001", "000.00.07.H2-230519-0001", "000.00.07.HH6-230519-0001",
        "000-00-07-H26-230519-0001", "000.00.07.H26.230519.0001", "000.00.07.H26-230519-0001x",
        "000.00.07.Đ26-230519-0001", "０00.00.07.H26-230519-0001", "000.00.07 H26-230519-0001",
        "H26-230519-0001",
    ]

    @Test(arguments: goodCodes)
    func acceptsDossierCodeShape(_ code: String) {
        #expect(DossierCode.isValid(code))
    }

    @Test(arguments: badCodes)
    func rejectsMalformedDossierCode(_ code: String) throws {
        #expect(!DossierCode.isValid(code))
        var c = try Fixture.inState(.inProgress)
        do {
            _ = try c.apply(.submit(mode: .partial, legacyLevel: nil, dossiers: [Fixture.dossier, code], portal: nil), now: 1)
            Issue.record("\(code) was accepted")
        } catch {
            #expect(error.message.contains(code.isEmpty ? "\"\"" : "\"\(code)\""))
            #expect(error.message.contains(DossierCode.example))
        }
        #expect(c.state == .inProgress)
    }

    @Test func submitNeedsADossier() throws {
        var c = try Fixture.inState(.inProgress)
        do {
            _ = try c.apply(.submit(mode: .fullProcess, legacyLevel: nil, dossiers: [], portal: nil), now: 1)
            Issue.record("submit without dossier was accepted")
        } catch {
            #expect(error.message.contains("without a dossier code"))
            #expect(error.message.contains("--dossier CODE"))
        }
    }

    @Test func severalDossiersAreTrimmedAndDeduplicated() throws {
        var c = try Fixture.inState(.inProgress)
        let second = "000.00.07.H26-230519-0002"
        let change = try c.apply(
            .submit(mode: .partial, legacyLevel: 3, dossiers: [" \(Fixture.dossier) ", second, Fixture.dossier], portal: "  "),
            now: 1)
        #expect(change == .resolved(Resolution(
            outcome: .submittedPartialOnline, mode: .partial, legacyLevel: 3,
            dossiers: [Fixture.dossier, second], team: Fixture.team)))
    }

    static let consistentLevels: [(SubmissionMode, Int?, Outcome)] = [
        (.fullProcess, 4, .submittedFullOnline), (.fullProcess, nil, .submittedFullOnline),
        (.partial, 3, .submittedPartialOnline), (.partial, nil, .submittedPartialOnline),
    ]

    @Test(arguments: consistentLevels)
    func legacyLevelConsistentWithMode(_ row: (SubmissionMode, Int?, Outcome)) throws {
        var c = try Fixture.inState(.inProgress)
        let change = try c.apply(.submit(mode: row.0, legacyLevel: row.1, dossiers: [Fixture.dossier], portal: nil), now: 1)
        #expect(c.resolution?.outcome == row.2)
        #expect(c.resolution?.mode == row.0)
        #expect(c.resolution?.legacyLevel == row.1)
        #expect(change == .resolved(c.resolution ?? Resolution(outcome: .failed)))
    }

    static let refusedLevels: [(SubmissionMode, Int, String)] = [
        (.fullProcess, 3, "toan-trinh is level 4"), (.partial, 4, "mot-phan is level 3"),
        (.fullProcess, 2, "only 3 (một phần) and 4 (toàn trình)"), (.partial, 5, "only 3 (một phần) and 4 (toàn trình)"),
        (.partial, 0, "use --legacy-level 3"),
    ]

    @Test(arguments: refusedLevels)
    func legacyLevelMismatchRefused(_ row: (SubmissionMode, Int, String)) throws {
        var c = try Fixture.inState(.inProgress)
        do {
            _ = try c.apply(.submit(mode: row.0, legacyLevel: row.1, dossiers: [Fixture.dossier], portal: nil), now: 1)
            Issue.record("level \(row.1) with \(row.0.rawValue) was accepted")
        } catch {
            #expect(error.message.contains("legacy level \(row.1)"))
            #expect(error.message.contains(row.2), "\(error.message)")
        }
        #expect(c.state == .inProgress)
    }

    @Test(arguments: FailureReason.allCases.filter { $0 != .other })
    func failWithListedReasonNeedsNoNote(_ reason: FailureReason) throws {
        var c = try Fixture.inState(.waitingCitizen)
        _ = try c.apply(.fail(reason: reason, note: nil), now: 1)
        #expect(c.resolution == Resolution(outcome: .failed, failureReason: reason, team: Fixture.team))
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func failOtherNeedsANote(_ note: String?) throws {
        var c = try Fixture.inState(.inProgress)
        do {
            _ = try c.apply(.fail(reason: .other, note: note), now: 1)
            Issue.record("OTHER without a note was accepted")
        } catch {
            #expect(error.message.contains("OTHER without a note"))
            #expect(error.message.contains("--note"))
            #expect(error.message.contains("CITIZEN_UNREACHABLE"))
        }
        #expect(c.state == .inProgress)
    }

    @Test func failOtherWithNoteKeepsNoteLocal() throws {
        var c = try Fixture.inState(.inProgress)
        let note = "Cụ Nguyễn Văn A, 0912345678, điện thoại hỏng"
        let change = try c.apply(.fail(reason: .other, note: note), now: 1)
        #expect(c.resolution?.note == note)
        #expect(c.history.last?.note == note)
        let body = change.body ?? []
        #expect(try Fixture.report(body) == WorkerReport(outcome: .failed, team: Fixture.team, failureReason: .other))
        let text = String(decoding: body, as: UTF8.self)
        #expect(!text.contains("note"))
        #expect(!text.contains("0912345678"))
        #expect(!text.contains("Nguyễn"))
    }

    @Test func finalBodyOfSubmission() throws {
        var c = try Fixture.inState(.inProgress)
        _ = try c.apply(Fixture.submit, now: 1)
        let body = try #require(c.resolution).report.json
        #expect(String(decoding: body, as: UTF8.self) == """
            {"dossiers":["000.00.07.H26-230519-0001"],"legacyLevel":4,"mode":"toan-trinh",\
            "outcome":"SUBMITTED_FULL_ONLINE","portal":"dichvucong.gov.vn","team":"00286-T01"}
            """)
    }

    @Test func finalBodyOmitsAbsentKeys() throws {
        let referral = Resolution(outcome: .referredPoliceVNeID, referredTo: .policeVNeID, team: "00286-T02", note: "riêng")
        #expect(try Fixture.report(referral.report.json)
            == WorkerReport(outcome: .referredPoliceVNeID, team: "00286-T02", referredTo: .policeVNeID))
        #expect(String(decoding: referral.report.json, as: UTF8.self)
            == #"{"outcome":"REFERRED_POLICE_VNEID","referredTo":"police-vneid","team":"00286-T02"}"#)
        #expect(String(decoding: Resolution(outcome: .guidedOnly).report.json, as: UTF8.self) == #"{"outcome":"GUIDED_ONLY"}"#)
    }

    /// A resolution stored by the previous release (mode and referral as plain strings) still reads.
    @Test func resolutionStoredByThePreviousReleaseReads() throws {
        let stored = #"{"dossiers":["000.00.07.H26-230519-0001"],"legacyLevel":4,"mode":"toan-trinh","outcome":"SUBMITTED_FULL_ONLINE","team":"00286-T01"}"#
        let resolution = try JSONDecoder().decode(Resolution.self, from: Data(stored.utf8))
        #expect(resolution.mode == .fullProcess)
        #expect(resolution.outcome == .submittedFullOnline)
        let referral = try JSONDecoder().decode(Resolution.self, from: Data(
            #"{"dossiers":[],"outcome":"REFERRED_ONE_STOP","referredTo":"one-stop"}"#.utf8))
        #expect(referral.referredTo == .oneStop)
    }

    @Test func resolutionKeepsNoteInItsStoredForm() throws {
        let r = Resolution(outcome: .failed, failureReason: .other, team: "00286-T01", note: "chi tiết")
        let decoded = try JSONDecoder().decode(Resolution.self, from: JSONEncoder().encode(r))
        #expect(decoded == r)
    }
}
