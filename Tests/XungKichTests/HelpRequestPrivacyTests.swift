import Foundation
import Testing
@testable import XungKich

@Suite("Help request privacy")
struct HelpRequestPrivacyTests {
    typealias F = HelpRequestFixtures

    @Test func masksKeepFirstAndLastThreeDigits() {
        #expect(PhoneMask.mask("0912345678") == "091****678")
        #expect(PhoneMask.mask("+84 912 345 678") == "091****678")
        #expect(PhoneMask.mask("0912 345 678") == "091****678")
        #expect(PhoneMask.mask("02438251234") == "024*****234")
    }

    @Test func shortOrEmptyInputIsFullyMasked() {
        #expect(PhoneMask.mask("12345") == "*****")
        #expect(PhoneMask.mask("") == "*")
        #expect(PhoneMask.mask("không có") == "*")
    }

    @Test func redactedDropsNamePhoneNoteAndKey() throws {
        let redacted = F.full.redacted
        #expect(redacted.citizen == Citizen(ageBand: .from70To79))
        #expect(redacted.note == nil)
        #expect(redacted.idempotencyKey == nil)
        #expect(redacted.ward == "00286")
        #expect(redacted.residentialGroup == "TDP 3")
        #expect(redacted.consent == F.full.consent)
        #expect(redacted.isPriority == F.full.isPriority)
        let json = String(decoding: try JSONEncoder().encode(redacted), as: UTF8.self)
        #expect(!json.contains("345"))
        #expect(!json.contains("Lan"))

        var anonymous = F.full
        anonymous.citizen = Citizen(shortName: "Bà Lan")
        #expect(anonymous.redacted.citizen == nil)
    }

    @Test func redactedValidRequestStillValidates() throws {
        let valid = try F.full.validated(against: F.haiBaTrung())
        let again = try valid.request.redacted.validated(against: F.haiBaTrung())
        #expect(again.ward == valid.ward)
        #expect(again.field == valid.field)
    }

    @Test func problemsNeverRepeatALongPhoneNumber() throws {
        var request = F.full
        request.citizen?.phone = "0912 345 678 99"
        let message = try #require(try F.problems(request).first?.message)
        #expect(message.hasPrefix("\"091******899\" (12 digits) is not a Vietnamese phone number"))
        #expect(!message.contains("4567"))
    }
}
