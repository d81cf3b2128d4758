import Foundation
import Testing
import XungKich
@testable import XungKichWire

/// The one error envelope: its shape, the older shapes it still reads, and the errors the codec makes.
struct WireErrorTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func envelopeCarriesCodeMessageProblemsAndRetryable() throws {
        let error = WireError(invalid: [HelpRequestProblem(field: "citizen.phone", message: "is not a Vietnamese phone number")])
        let object = try JSONSerialization.jsonObject(with: Data(error.json)) as? [String: Any]
        let inner = object?["error"] as? [String: Any]
        #expect(inner?["code"] as? String == "invalid-request")
        #expect(inner?["retryable"] as? Bool == false)
        #expect((inner?["problems"] as? [[String: Any]])?.first?["field"] as? String == "citizen.phone")
        #expect(try WireJSON.decode(ErrorEnvelope.self, from: error.json).error == error)
    }

    @Test func diskFullIsRetryable() {
        #expect(WireError(.diskFull, "full").retryable)
        #expect(WireError(.storeUnavailable, "down").retryable)
        #expect(!WireError(.notFound, "no").retryable)
    }

    @Test func olderShapesStillDecode() throws {
        // The control endpoint and the coordinator of the previous release.
        let text = try WireJSON.decode(ErrorEnvelope.self, from: bytes(#"{"error":"no case 007-0000009 at ward 00286"}"#)).error
        #expect(text.code == .unknown)
        #expect(text.message == "no case 007-0000009 at ward 00286")
        // The dispatcher's submit refusal of the previous release.
        let problems = try WireJSON.decode(ErrorEnvelope.self, from: bytes(
            #"{"error":{"problems":[{"field":"ward","message":"unknown ward"},{"field":"","message":"x"}]}}"#)).error
        #expect(problems.code == .invalidRequest)
        #expect(problems.problems.count == 2)
        #expect(problems.message.contains("unknown ward"))
    }

    @Test func decodeReplyTurnsAnEnvelopeIntoAThrow() {
        let error = #expect(throws: WireError.self) {
            try WireJSON.decodeReply(SubmitAnswer.self, from: WireError(.diskFull, "the disk is full").json)
        }
        #expect(error?.code == .diskFull)
        #expect(error?.retryable == true)
    }

    @Test func codecErrorsNameTheField() {
        let missing = #expect(throws: WireError.self) { try WireJSON.decode(StatusAnswer.self, from: bytes(#"{"id":"x"}"#)) }
        #expect(missing?.code == .malformed)
        #expect(missing?.problems.first?.message == "is missing")
        let wrongType = #expect(throws: WireError.self) { try WireJSON.decode(EventsQuery.self, from: bytes(#"{"after":"7"}"#)) }
        #expect(wrongType?.problems.first?.field == "after")
        let empty = #expect(throws: WireError.self) { try WireJSON.decode(EventsQuery.self, from: bytes("  ")) }
        #expect(empty?.message.contains("empty") == true)
        let notUTF8 = #expect(throws: WireError.self) { try WireJSON.decode(EventsQuery.self, from: [0x7B, 0xFF, 0x7D]) }
        #expect(notUTF8?.message.contains("UTF-8") == true)
        let notJSON = #expect(throws: WireError.self) { try WireJSON.decode(EventsQuery.self, from: bytes("{after: 1}")) }
        #expect(notJSON?.code == .malformed)
    }

    @Test func unknownCommandsListTheKnownOnes() {
        let error = #expect(throws: WireError.self) {
            try WireJSON.decode(AdminCommand.self, from: bytes(#"{"command":"drop-table"}"#))
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("requeue, cancel, attention, erase-citizen, purge") == true)
    }

    @Test func encodingANonFiniteNumberGivesAnInternalErrorNotNothing() throws {
        let body = WireJSON.encode(EventsPage(events: [WireEvent(seq: 1, at: .nan, kind: .accepted, state: nil, detail: nil)], last: 1))
        #expect(try WireJSON.decode(ErrorEnvelope.self, from: body).error.code == .internal)
    }
}

/// What a developer fixing a client needs: where the JSON went wrong.
struct SyntaxErrorTests {
    @Test func aSyntaxErrorSaysWhere() {
        let error = #expect(throws: WireError.self) {
            try WireJSON.checkSyntax(Array(#"{"ward": "00286", "procedure": }"#.utf8))
        }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("character") == true || error?.message.contains("line") == true, "position: \(error?.message ?? "")")
    }

    @Test func validJSONPasses() throws {
        try WireJSON.checkSyntax(Array(#"{"ward": "00286"}"#.utf8))
    }
}

struct ForbiddenTests {
    @Test func forbiddenIsNotRetryable() {
        #expect(!WireError(.forbidden, "no").retryable)
        #expect(ErrorCode.forbidden.rawValue == "forbidden")
    }
}
