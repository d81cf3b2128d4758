import Foundation
import Testing
@testable import XungKich

@Suite("Help request JSON")
struct HelpRequestJSONTests {
    typealias F = HelpRequestFixtures

    @Test func fullRequestRoundTrips() throws {
        let data = try JSONEncoder().encode(F.full)
        let decoded = try HelpRequest.decode(json: Array(data))
        #expect(decoded == F.full)
        #expect(try HelpRequest.decode(json: Array(JSONEncoder().encode(F.minimal))) == F.minimal)
    }

    @Test func keysAreCamelCaseAndVocabularyIsSnakeCase() throws {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(F.full)) as? [String: Any]
        let json = try #require(object)
        #expect(Set(json.keys) == ["ward", "residentialGroup", "procedure", "field", "helpType", "channel",
                                   "priority", "citizen", "consent", "note", "idempotencyKey"])
        #expect(json["helpType"] as? String == "vneid_recovery")
        let priority = try #require(json["priority"] as? [String: Any])
        #expect(priority["noSmartphone"] as? Bool == true)
        let citizen = try #require(json["citizen"] as? [String: Any])
        #expect(citizen["ageBand"] as? String == "70_79")
    }

    @Test func vocabulariesHaveTheDocumentedRawValues() {
        #expect(HelpType.allCases.map(\.rawValue) == ["submit_dossier", "vneid_setup", "vneid_recovery", "information", "payment", "track_dossier"])
        #expect(Channel.allCases.map(\.rawValue) == ["hotline", "walk_in", "zalo", "door_to_door", "referral"])
        #expect(AgeBand.allCases.map(\.rawValue) == ["under_18", "18_39", "40_59", "60_69", "70_79", "80_plus"])
        #expect(AgeBand.allCases.filter(\.isSixtyOrOver) == [.from60To69, .from70To79, .from80])
        #expect(AgeBand.from40To59 < .from60To69)
    }

    @Test func minimalBodyGetsDefaultsAndUnknownKeysAreIgnored() throws {
        let request = try HelpRequest.decode(json: F.bytes("""
            {"ward": "00286", "procedure": "1.001193", "helpType": "information", "channel": "walk_in",
             "clientVersion": "2.1", "priority": {"elderly": true, "colour": "red"}, "note": null}
            """))
        #expect(request.priority == PriorityFlags(elderly: true))
        #expect(request.citizen == nil)
        #expect(request.consent == nil)
        #expect(request.note == nil)
        #expect(request.field == nil)
    }

    @Test func typeErrorsNameEveryFieldPath() {
        let problems = F.decodeProblems("""
            {"ward": 286, "procedure": "1.001193", "helpType": "vneid", "channel": "walk_in",
             "priority": {"elderly": "yes", "deadline": 20240630},
             "citizen": {"phone": 912345678, "ageBand": "65"},
             "consent": {"given": "true"}}
            """)
        #expect(problems.map(\.field) == ["ward", "helpType", "priority.elderly", "priority.deadline",
                                          "citizen.phone", "citizen.ageBand", "consent.given", "consent.textVersion"])
        let byField = Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(byField["ward"]?.contains("found the number 286") == true)
        #expect(byField["ward"]?.contains("\"00286\"") == true)
        #expect(byField["helpType"] == "\"vneid\" is not a help type; use one of submit_dossier, vneid_setup, vneid_recovery, information, payment, track_dossier")
        #expect(byField["priority.elderly"] == "expected true or false (without quotes), found the text \"yes\"")
        #expect(byField["citizen.ageBand"]?.contains("under_18, 18_39, 40_59, 60_69, 70_79, 80_plus") == true)
        #expect(byField["consent.given"]?.contains("found the text \"true\"") == true)
        #expect(byField["consent.textVersion"]?.hasPrefix("is missing") == true)
    }

    @Test func unreadableNumbersAreNotCalledObjects() {
        let problems = F.decodeProblems(#"{"ward": 1e400, "procedure": "1.001193", "helpType": "payment", "channel": "zalo"}"#)
        #expect(problems.map(\.field) == ["ward"])
        #expect(problems.first?.message.hasSuffix("found a value that cannot be read (a number too large?)") == true)
    }

    @Test func missingRequiredKeysAreListed() {
        let problems = F.decodeProblems("{}")
        #expect(problems.map(\.field) == ["procedure", "helpType", "channel"])
        #expect(problems.allSatisfy { $0.message.hasPrefix("is missing; it is required") })
        #expect(problems[2].message.contains("hotline, walk_in, zalo, door_to_door, referral"))
    }

    @Test func nullForARequiredKeyIsMissing() {
        let problems = F.decodeProblems(#"{"procedure": null, "helpType": "payment", "channel": "zalo"}"#)
        #expect(problems == [HelpRequestProblem(field: "procedure", message: "is missing; it is required (text, the national code, e.g. \"1.001193\")")])
    }

    @Test func nestedObjectsOfTheWrongShapeAreNamed() {
        let problems = F.decodeProblems("""
            {"ward": "00286", "procedure": "1.001193", "helpType": "payment", "channel": "zalo",
             "citizen": "Bà Lan", "priority": [true], "consent": true}
            """)
        #expect(problems.map(\.field) == ["priority", "citizen", "consent"])
        #expect(problems[0].message.hasSuffix("found a list"))
        #expect(problems[1].message.hasSuffix("found the text \"Bà Lan\""))
        #expect(problems[2].message.hasSuffix("found true"))
    }

    @Test func malformedBodiesAreWholeBodyProblems() {
        let notJSON = F.decodeProblems(#"{"ward": "00286", "procedure": }"#)
        #expect(notJSON.count == 1)
        #expect(notJSON.first?.field == "")
        #expect(notJSON.first?.message.hasPrefix("the request body is not valid JSON") == true)

        let list = F.decodeProblems(#"[{"ward": "00286"}]"#)
        #expect(list.map(\.field) == [""])
        #expect(list.first?.message.hasPrefix("the request body must be a JSON object") == true)

        #expect(F.decodeProblems("  \n").first?.message.hasPrefix("the request body is empty") == true)
        #expect(F.decodeProblems("\"hello\"").first?.message.hasPrefix("the request body must be a JSON object") == true)
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = F.bytes(#"{"ward": "00286", "note": "x"}"#)
        bytes[bytes.count - 3] = 0xFF
        let problems: [HelpRequestProblem]
        do {
            _ = try HelpRequest.decode(json: bytes)
            problems = []
        } catch {
            problems = error.problems
        }
        #expect(problems == [HelpRequestProblem(field: "", message: "the request body is not valid UTF-8; send the JSON as UTF-8 text")])
    }

    @Test func errorDescriptionIsOneProblemPerLine() {
        let error = HelpRequestError(problems: [
            HelpRequestProblem(field: "ward", message: "a"),
            HelpRequestProblem(field: "", message: "b"),
        ])
        #expect(error.description == "ward: a\nb")
    }

    @Test func documentedExamplesDecodeAndValidate() throws {
        let doc = try F.text("docs/help-request.md")
        let blocks = doc.components(separatedBy: "```json\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        #expect(blocks.count >= 3)
        let request = try HelpRequest.decode(json: F.bytes(try #require(blocks.first)))
        let valid = try request.validated(against: F.haiBaTrung())
        #expect(valid.serviceName == "ward.00286")
    }
}
