import Foundation
import Testing
@testable import XungKich

@Suite("Help request validation")
struct HelpRequestValidationTests {
    typealias F = HelpRequestFixtures

    @Test func validRequestIsResolvedAndNormalised() throws {
        var request = F.full
        request.field = nil
        request.ward = " 00286 "
        let valid = try request.validated(against: F.haiBaTrung())
        #expect(valid.ward.name == "Bạch Mai")
        #expect(valid.serviceName == "ward.00286")
        #expect(valid.procedure.name == "Đăng ký tạm trú")
        #expect(valid.field.code == "G01-CA05")
        #expect(valid.request.field == "G01-CA05")
        #expect(valid.request.ward == "00286")
        #expect(valid.request.citizen?.phone == "0912345678")
        #expect(valid.isPriority)
    }

    @Test func minimalAnonymousRequestIsValid() throws {
        let valid = try F.minimal.validated(against: F.haiBaTrung())
        #expect(valid.field.name == "Hộ tịch")
        #expect(!valid.isPriority)
    }

    @Test func blankOptionalTextIsDropped() throws {
        var request = F.minimal
        request.residentialGroup = "  "
        request.field = ""
        request.note = " \n "
        request.citizen = Citizen(shortName: "", phone: " ")
        let valid = try request.validated(against: F.haiBaTrung())
        #expect(valid.request.residentialGroup == nil)
        #expect(valid.request.note == nil)
        #expect(valid.request.citizen == nil)
        #expect(valid.request.field == "G15-TP07")
    }

    // MARK: Ward

    @Test func unknownWardNamesTheDistrict() throws {
        var request = F.minimal
        request.ward = "00999"
        let problems = try F.problems(request)
        #expect(problems.count == 1)
        #expect(problems.first?.description
            == "ward: \"00999\" is not a ward of Quận Hai Bà Trưng; use the 5-digit GSO code of one of its 18 wards, e.g. \"00241\" for Phường Nguyễn Du")
    }

    @Test(arguments: ["286", "0286"])
    func shortWardCodeSuggestsLeadingZeros(code: String) throws {
        var request = F.minimal
        request.ward = code
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["ward"])
        #expect(problems.first?.message.contains("\"00286\"") == true)
    }

    @Test func wardNameInsteadOfCodeIsRefused() throws {
        var request = F.minimal
        request.ward = "Bạch Mai"
        #expect(try F.problems(request).first?.message.hasPrefix("\"Bạch Mai\" is not a ward code") == true)
    }

    @Test func wardOrResidentialGroupIsRequired() throws {
        var request = F.minimal
        request.ward = nil
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["ward"])
        #expect(problems.first?.message.hasPrefix("is missing; give the ward's 5-digit GSO code") == true)
    }

    @Test func residentialGroupNeedsACallerToPlaceIt() throws {
        let config = try F.haiBaTrung()
        var request = F.minimal
        request.ward = nil
        request.residentialGroup = "TDP 5"
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["ward"])
        #expect(problems.first?.message.contains("\"TDP 5\"") == true)

        let valid = try request.validated(against: config) { $0 == "TDP 5" ? "00289" : nil }
        #expect(valid.ward.name == "Quỳnh Mai")
        #expect(valid.request.ward == "00289")
        #expect(valid.request.residentialGroup == "TDP 5")

        #expect(throws: HelpRequestError.self) { try request.validated(against: config) { _ in "00999" } }
    }

    @Test func givenWardWinsOverTheResolver() throws {
        var request = F.minimal
        request.residentialGroup = "TDP 5"
        let valid = try request.validated(against: F.haiBaTrung()) { _ in "00289" }
        #expect(valid.ward.code == "00286")
    }

    @Test func residentialGroupIsKeptShort() throws {
        var request = F.minimal
        request.residentialGroup = String(repeating: "x", count: 61)
        #expect(try F.problems(request).map(\.field) == ["residentialGroup"])
    }

    // MARK: Procedure and field

    @Test func procedureMustBeInTheCatalogue() throws {
        var request = F.minimal
        request.procedure = "9.999999"
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["procedure"])
        #expect(problems.first?.message.hasPrefix("\"9.999999\" is not in the catalogue of Quận Hai Bà Trưng") == true)
    }

    @Test(arguments: ["1001193", "1.1193", "A.001193", "1.001193.2"])
    func procedureCodeShapeIsChecked(code: String) throws {
        var request = F.minimal
        request.procedure = code
        #expect(try F.problems(request).first?.message.contains("is not a procedure code") == true)
    }

    @Test func emptyProcedureIsMissing() throws {
        var request = F.minimal
        request.procedure = " "
        #expect(try F.problems(request).first?.message.hasPrefix("is missing") == true)
    }

    @Test func fieldMustMatchTheProcedure() throws {
        var request = F.minimal  // 1.001193 Đăng ký khai sinh, Hộ tịch
        request.field = "G01-CA05"
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["field"])
        #expect(problems.first?.message
            == "\"G01-CA05\" (Cư trú) does not match procedure 1.001193 (Đăng ký khai sinh), which is in G15-TP07 (Hộ tịch); leave field out to use the procedure's")

        request.field = "G15-TP07"
        #expect(try F.problems(request).isEmpty)
        request.field = "G99-XX01"
        #expect(try F.problems(request).first?.message.contains("is not a field in the catalogue") == true)
        request.field = "Hộ tịch"
        #expect(try F.problems(request).first?.message.contains("is not a field code") == true)
    }

    @Test func deadlineMustBeARealDay() throws {
        var request = F.minimal
        request.priority.deadline = "2024-02-30"
        #expect(try F.problems(request).map(\.field) == ["priority.deadline"])
        request.priority.deadline = "30/06/2024"
        #expect(try F.problems(request).map(\.field) == ["priority.deadline"])
        request.priority.deadline = "2024-02-29"
        #expect(try F.problems(request).isEmpty)
    }

    // MARK: Citizen and consent

    @Test func shortNameIsAtMostFortyCharacters() throws {
        var request = F.full
        request.citizen?.shortName = String(repeating: "ữ", count: 40)
        #expect(try F.problems(request).isEmpty)
        request.citizen?.shortName = String(repeating: "ữ", count: 41)
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["citizen.shortName"])
        #expect(problems.first?.message.hasPrefix("is 41 characters long; keep it to 40") == true)
        #expect(problems.first?.message.contains("ữữ") == false)
    }

    @Test func nameOrPhoneNeedsConsent() throws {
        var request = F.minimal
        request.citizen = Citizen(shortName: "Bà Lan")
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["consent"])
        #expect(problems.first?.message.contains("silence is not consent") == true)

        request.citizen = Citizen(phone: "0912345678")
        #expect(try F.problems(request).map(\.field) == ["consent"])

        request.consent = Consent(given: false, textVersion: "XK-HBT-2024-01")
        #expect(try F.problems(request).map(\.field) == ["consent.given"])

        request.consent = Consent(given: true, textVersion: " ")
        #expect(try F.problems(request).map(\.field) == ["consent.textVersion"])

        request.consent = Consent(given: true, textVersion: "XK-HBT-2024-01")
        #expect(try F.problems(request).isEmpty)
    }

    @Test func ageBandAloneNeedsNoConsent() throws {
        var request = F.minimal
        request.citizen = Citizen(ageBand: .from80)
        #expect(try F.problems(request).isEmpty)
        request.consent = Consent(given: false, textVersion: "")
        #expect(try F.problems(request).isEmpty)
    }

    @Test func invalidPhoneStillNeedsConsent() throws {
        var request = F.minimal
        request.citizen = Citizen(phone: "12345")
        let problems = try F.problems(request)
        #expect(problems.map(\.description) == [
            "citizen.phone: \"12345\" is not a Vietnamese phone number (10–11 digits starting with 0, e.g. \"0912 345 678\" or \"+84 912 345 678\")",
            "consent: is missing; a name or phone may only be kept once the citizen has agreed to the stated purpose (Decree 13/2023/NĐ-CP: silence is not consent). Ask and record consent, or leave the name and phone out",
        ])
    }

    // MARK: Phone

    @Test(arguments: [
        ("0912 345 678", "0912345678"), ("+84912345678", "0912345678"), ("+84 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"), ("0912-345-678", "0912345678"), ("0084 912 345 678", "0912345678"),
        ("(024) 3825 1234", "02438251234"), (" 0987654321 ", "0987654321"),
    ])
    func phoneNumbersAreNormalised(raw: String, normal: String) throws {
        #expect(PhoneNumber.normalised(raw) == normal)
        var request = F.full
        request.citizen?.phone = raw
        #expect(try request.validated(against: F.haiBaTrung()).request.citizen?.phone == normal)
    }

    @Test(arguments: ["12345", "912345678", "84912345678", "+1 415 555 0100", "0912345678901", "09123456", "0912 345 67a", "１２３４５６７８９０"])
    func nonVietnameseNumbersAreRefused(raw: String) throws {
        #expect(PhoneNumber.normalised(raw) == nil)
        var request = F.full
        request.citizen?.phone = raw
        #expect(try F.problems(request).map(\.field) == ["citizen.phone"])
    }

    @Test func droppedLeadingZeroGetsASpreadsheetHint() throws {
        var request = F.full
        request.citizen?.phone = "912345678"
        let message = try #require(try F.problems(request).first?.message)
        #expect(message.contains("format the phone column as text"))
        #expect(!message.contains("912345678"))
        #expect(message.hasPrefix("\"912***678\" (9 digits)"))
    }

    // MARK: Note and key

    @Test func noteIsAtMostFiveHundredCharacters() throws {
        var request = F.minimal
        request.note = String(repeating: "ă", count: 500)
        #expect(try F.problems(request).isEmpty)
        request.note = String(repeating: "ă", count: 501)
        #expect(try F.problems(request).first?.description == "note: is 501 characters long; keep it to 500")
    }

    @Test(arguments: [
        "mật khẩu: 123456", "Mật khẩu VNeID là 246810", "MAT KHAU moi la Lan@1960", "OTP 482913",
        "mã OTP là 482 913", "bà đọc mã xác thực 5521 cho tổ", "password = hoa1960x", "pass là abc12345",
        "passcode 135790", "Con gửi mã PIN 8642",
    ])
    func passwordsAndOTPCodesAreRefused(note: String) throws {
        var request = F.minimal
        request.note = note
        let problems = try F.problems(request)
        #expect(problems.map(\.field) == ["note"], "\(note)")
        let digits = note.filter(\.isNumber)
        #expect(problems.first?.message.contains(String(digits.prefix(4))) == false, "the secret is echoed")
        #expect(problems.first?.message.contains("never write down passwords or OTP codes") == true)
    }

    @Test(arguments: [
        "Quên mật khẩu VNeID", "Quên mật khẩu VNeID, số điện thoại mới 0912345678", "OTP không về máy",
        "mật khẩu 2 lần sai", "quên mật khẩu từ năm 2019", "OTP gửi về số 0912345678 cũ",
        "Mật khẩu 8 ký tự", "pin điện thoại yếu", "Đổi mật khẩu ngày 12/5", "Bà không nhớ mật khẩu.",
    ])
    func everydayNotesAboutPasswordsAreAccepted(note: String) throws {
        var request = F.minimal
        request.note = note
        #expect(try F.problems(request).isEmpty, "\(note)")
    }

    @Test func idempotencyKeyIsVisibleASCII() throws {
        var request = F.minimal
        for good in ["a", String(repeating: "k", count: 128), "hotline-2024-06-01/0042", "csv1-0123456789abcdef"] {
            request.idempotencyKey = good
            #expect(try F.problems(request).isEmpty, "\(good)")
        }
        for bad in ["", String(repeating: "k", count: 129), "khóa-1", "row 12", "tab\tkey"] {
            request.idempotencyKey = bad
            #expect(try F.problems(request).map(\.field) == ["idempotencyKey"], "\(bad)")
        }
    }

    // MARK: All at once

    @Test func everyProblemIsReportedAtOnceInFieldOrder() throws {
        var request = F.full
        request.ward = "00999"
        request.procedure = "9.999999"
        request.field = nil
        request.citizen?.phone = "12345"
        request.consent = nil
        request.note = "OTP 123456"
        let config = try F.haiBaTrung()
        do {
            _ = try request.validated(against: config)
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.map(\.field) == ["ward", "procedure", "citizen.phone", "consent", "note"])
            #expect(error.description.split(separator: "\n").count == 5)
            #expect(error.description.contains("citizen.phone: \"12345\" is not a Vietnamese phone number (10–11 digits starting with 0"))
            #expect(error.description.contains("procedure: \"9.999999\" is not in the catalogue of Quận Hai Bà Trưng"))
        }
    }

    @Test func priorityFollowsFlagsAndAge() {
        var request = F.minimal
        #expect(!request.isPriority)
        request.priority.noSmartphone = true
        #expect(!request.isPriority)
        request.citizen = Citizen(ageBand: .from40To59)
        #expect(!request.isPriority)
        request.citizen = Citizen(ageBand: .from60To69)
        #expect(request.isPriority)
        request.citizen = nil
        for flags in [PriorityFlags(elderly: true), PriorityFlags(disability: true), PriorityFlags(deadline: "2024-06-30")] {
            request.priority = flags
            #expect(request.isPriority)
        }
    }
}
