import Foundation
import Testing
import XungKich
@testable import XungKichWire

/// Every message in `Corpus/`, captured from the previous release's processes (see Corpus/README.md),
/// still decodes with this release's types: a worker, dispatcher, CLI or coordinator of that release can
/// talk to this one.
struct CorpusTests {
    /// Which type reads each file, by the file name's prefix (longest prefix wins).
    static let readers: [(prefix: String, read: @Sendable ([UInt8]) throws -> Void)] = [
        ("submit-request", { _ = try HelpRequest.decode(json: $0) }),
        ("submit-answer", { _ = try WireJSON.decode(SubmitAnswer.self, from: $0) }),
        ("submit-error", { _ = try WireJSON.decode(ErrorEnvelope.self, from: $0) }),
        ("delivery", { _ = try WireJSON.decode(WardDelivery.self, from: $0) }),
        ("partial", { _ = try WireJSON.decode(WorkerReport.self, from: $0) }),
        ("final", { _ = try WireJSON.decode(WorkerReport.self, from: $0) }),
        ("status-answer", { _ = try WireJSON.decode(StatusAnswer.self, from: $0) }),
        ("status-error", { _ = try WireJSON.decode(ErrorEnvelope.self, from: $0) }),
        ("events-query", { _ = try WireJSON.decode(EventsQuery.self, from: $0) }),
        ("events-page", { _ = try WireJSON.decode(EventsPage.self, from: $0) }),
        ("event-pub", { _ = try WireJSON.decode(WireEvent.self, from: $0) }),
        ("admin-answer-attention", { _ = try WireJSON.decode(AttentionList.self, from: $0) }),
        ("admin-answer", { _ = try WireJSON.decode(AdminAnswer.self, from: $0) }),
        ("admin-error", { _ = try WireJSON.decode(ErrorEnvelope.self, from: $0) }),
        ("admin", { _ = try WireJSON.decode(AdminCommand.self, from: $0) }),
        ("control-answer-list", { _ = try WireJSON.decode(CaseList.self, from: $0) }),
        ("control-answer-case", { _ = try WireJSON.decode(CaseAnswer.self, from: $0) }),
        ("control-answer-team", { _ = try WireJSON.decode(TeamAnswer.self, from: $0) }),
        ("control-error", { _ = try WireJSON.decode(ErrorEnvelope.self, from: $0) }),
        ("control", { _ = try WireJSON.decode(ControlCommand.self, from: $0) }),
        ("stats-query", { _ = try WireJSON.decode(StatsQueryMessage.self, from: $0) }),
        ("stats-answer", { _ = try WireJSON.decode(StatsAnswer.self, from: $0) }),
        ("stats-error", { _ = try WireJSON.decode(ErrorEnvelope.self, from: $0) }),
        ("contribution-answer", { _ = try WireJSON.decode(ContributionAnswer.self, from: $0) }),
        ("baseline-import-answer", { _ = try WireJSON.decode(BaselineImportAnswer.self, from: $0) }),
        ("baseline-import", { _ = try WireJSON.decode(StatsQueryMessage.self, from: $0) }),
        ("baseline-answer", { _ = try WireJSON.decode(BaselineAnswer.self, from: $0) }),
        ("journal-detail", { _ = try WireJSON.decode(EventDetail.self, from: $0) }),
    ]

    static var files: [URL] {
        guard let folder = Bundle.module.url(forResource: "Corpus", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [] }
        return names.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.files.count >= 20, "the corpus of the previous release's messages is missing or thin")
    }

    @Test(arguments: CorpusTests.files)
    func previousReleaseMessageDecodes(_ file: URL) throws {
        let name = file.deletingPathExtension().lastPathComponent
        let reader = Self.readers.filter { name.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }
        let read = try #require(reader?.read, "no type is named for corpus file \(name): add it to CorpusTests.readers")
        try read(Array(try Data(contentsOf: file)))
    }

    @Test func theOldSubmitRefusalStillReadsAsProblems() throws {
        guard let file = Self.files.first(where: { $0.lastPathComponent.hasPrefix("submit-error") }) else { return }
        let error = try WireJSON.decode(ErrorEnvelope.self, from: Array(try Data(contentsOf: file))).error
        #expect(error.code == .invalidRequest)
        #expect(!error.problems.isEmpty)
    }
}

/// Events are read the fast way (`JSONSerialization` objects) by the services; the `Decodable` reading must give
/// the same values, on every event the previous release wrote.
struct FastReadingTests {
    static var eventFiles: [URL] {
        CorpusTests.files.filter { file in
            ["events-page", "event-pub", "journal-detail"].contains { file.lastPathComponent.hasPrefix($0) }
        }
    }

    @Test(arguments: FastReadingTests.eventFiles)
    func bothReadingsAgree(_ file: URL) throws {
        let bytes = Array(try Data(contentsOf: file))
        let name = file.lastPathComponent
        // Exactly: Foundation's JSONSerialization on Linux reads some doubles one unit in the last place away from
        // JSONDecoder (1796056983.4414263 as …265), which JSONObjectReader makes up for (EventNumberTests).
        func same(_ a: WireEvent, _ b: WireEvent) -> Bool { a == b }
        if name.hasPrefix("events-page") {
            let fast = try WireJSON.decode(EventsPage.self, from: bytes)
            let slow = try JSONDecoder().decode(EventsPage.self, from: Data(bytes))
            #expect(fast.last == slow.last && fast.events.count == slow.events.count)
            #expect(zip(fast.events, slow.events).allSatisfy(same))
        } else if name.hasPrefix("event-pub") {
            #expect(same(try WireJSON.decode(WireEvent.self, from: bytes), try JSONDecoder().decode(WireEvent.self, from: Data(bytes))))
        } else {
            #expect(try WireJSON.decode(EventDetail.self, from: bytes) == JSONDecoder().decode(EventDetail.self, from: Data(bytes)))
        }
    }

    @Test("a detail with every field set reads back whole both ways (a field the fast reading forgets is lost)")
    func everyFieldBothWays() throws {
        var detail = EventDetail()
        detail.procedure = "1.001193"; detail.field = "G15-TP07"; detail.priority = true; detail.helpType = .vneidRecovery
        detail.channel = .hotline; detail.ageBand = .from80; detail.residentialGroup = "TDP 5"; detail.citizen = "abc"
        detail.attempt = 2; detail.to = "00277"; detail.attempts = 3; detail.retryInSeconds = 10; detail.state = .accepted
        detail.outcome = .submittedFullOnline; detail.declined = false; detail.update = 4; detail.team = "00286-T01"
        detail.waitReason = .reschedule; detail.failureReason = .portalError; detail.mode = .fullProcess
        detail.legacyLevel = 4; detail.dossiers = ["D-1"]; detail.portal = "dichvucong.gov.vn"
        detail.referredTo = .oneStop; detail.member = "lan.nguyen"
        let bytes = WireJSON.encode(detail)
        #expect(try WireJSON.decode(EventDetail.self, from: bytes) == detail)
        #expect(try JSONDecoder().decode(EventDetail.self, from: Data(bytes)) == detail)
    }

    @Test func theFastReadingNamesWhatIsWrong() {
        let missing = #expect(throws: WireError.self) { try WireJSON.decode(WireEvent.self, from: Array(#"{"at":1,"kind":"x"}"#.utf8)) }
        #expect(missing?.problems.first?.field == "seq")
        let wrong = #expect(throws: WireError.self) {
            try WireJSON.decode(EventsPage.self, from: Array(#"{"last":3,"events":[{"seq":1,"at":1,"kind":"accepted","detail":{"attempt":"one"}}]}"#.utf8))
        }
        #expect(wrong?.problems.first?.field == "events[0].detail.attempt")
    }
}

/// Found by Fuzz/FuzzWireJSON: events are read through JSONSerialization, which on Linux hands a number with a
/// fraction over as an NSDecimalNumber whose `doubleValue` was one ulp off for about half of all timestamps, so the
/// coordinator's `at` differed from the dispatcher's and from the Decodable reading of the same bytes.
struct EventNumberTests {
    @Test("an event's timestamp reads exactly as written, through either reader", arguments: [
        "1767106619.2717974", "1857544302.1077394", "1684815459.7546413", "1815400810.2282007",
        "1.7960569877777774e+45", "0.1", "5e-324", "1764500000", "-2.5e-3", "123456789012345678901234567890.5",
    ])
    func timestampsAreExact(text: String) throws {
        let body = Array(#"{"seq":1,"at":\#(text),"kind":"accepted","detail":{"retryInSeconds":\#(text)}}"#.utf8)
        let event = try WireJSON.decode(WireEvent.self, from: body)
        let expected = try #require(Double(text))
        #expect(event.at == expected)
        #expect(event.detail?.retryInSeconds == expected)
        #expect(event == (try JSONDecoder().decode(WireEvent.self, from: Data(body))))
    }

    @Test("whole numbers above 2^53 are read exactly, not rounded to a neighbour")
    func largeSequenceNumbers() throws {
        let body = Array(#"{"last":9007199254740993,"events":[{"seq":9007199254740993,"at":1,"kind":"accepted","detail":{"attempt":9007199254740993}}]}"#.utf8)
        let page = try WireJSON.decode(EventsPage.self, from: body)
        #expect(page.last == 9_007_199_254_740_993)
        #expect(page.events.first?.seq == 9_007_199_254_740_993)
        #expect(page.events.first?.detail?.attempt == 9_007_199_254_740_993)
        #expect(throws: WireError.self) {
            try WireJSON.decode(WireEvent.self, from: Array(#"{"seq":1.5,"at":1,"kind":"accepted"}"#.utf8))
        }
    }
}
