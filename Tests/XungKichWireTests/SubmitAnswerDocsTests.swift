import Foundation
import Testing
import XungKich
@testable import XungKichWire

/// docs/help-request.md shows the submit answers as clients get them; they must stay true.
struct SubmitAnswerDocsTests {
    private static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func acceptedAnswerHasTheDocumentedShape() throws {
        let answer = SubmitAnswer(id: "HBT-000042", duplicate: false)
        #expect(String(decoding: WireJSON.encode(answer), as: UTF8.self) == #"{"duplicate":false,"id":"HBT-000042"}"#)
        #expect(try WireJSON.decodeReply(SubmitAnswer.self, from: Array(#"{"id": "HBT-7"}"#.utf8)) == SubmitAnswer(id: "HBT-7", duplicate: false))
    }

    @Test func everyDocumentedReplyIsAnAnswerOrARefusal() throws {
        let doc = try String(contentsOf: Self.repository.appendingPathComponent("docs/help-request.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```json\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        #expect(blocks.count >= 5)
        var answers = 0
        var refusals: [WireError] = []
        for block in blocks.dropFirst() {
            do {
                _ = try WireJSON.decodeReply(SubmitAnswer.self, from: Array(block.utf8))
                answers += 1
            } catch {
                #expect(error.code != .malformed, "docs block is neither an answer nor a refusal: \(block)")
                refusals.append(error)
            }
        }
        #expect(answers == 2)
        #expect(refusals.map(\.code) == [.invalidRequest, .diskFull])
        #expect(refusals.last?.retryable == true)
    }
}
