import Foundation
import Logging
@testable import MajordomoPeers
import Storage
import Testing
import WardWorker
import XungKich
import XungKichWire

/// Every byte of a folder's files, to search for personal data.
private func filesOf(_ folder: String) -> Data {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).reduce(into: Data()) { all, name in
        all += FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
    }
}

private func contains(_ data: Data, _ text: String) -> Bool {
    [Data(text.utf8), text.data(using: .utf16LittleEndian)!, text.data(using: .utf16BigEndian)!]
        .contains { data.range(of: $0) != nil }
}

private func sealedBook(_ path: String, keys: PersonalDataKeys) throws -> CaseBook {
    var logger = Logger(label: "test.cases")
    logger.logLevel = .critical
    return try CaseBook(config: try Fixture.haiBaTrung(), ward: Fixture.ward, store: try CaseStore(path: path, keys: keys),
                        logger: logger)
}

/// A sealed case book on disk holding the fixture's case, just delivered; `final` is its delivery's FINAL.
private struct DeliveredCase {
    let disk: BookOnDisk
    let keys: PersonalDataKeys
    let book: CaseBook
    let final: Task<[[UInt8]], Never>

    static func make() async throws -> DeliveredCase {
        let disk = try BookOnDisk.make()
        let keys = PersonalDataKeys.generate()
        let book = try sealedBook(disk.path, keys: keys)
        let partials = SentPartials()
        let final = Task { await book.deliver(delivery(partials: partials)) }
        try #require(try await eventually { partials.count >= 1 }, "the case never opened")
        return DeliveredCase(disk: disk, keys: keys, book: book, final: final)
    }

    /// The worker's answer to a notice from the dispatcher.
    func notice(_ notice: WardNotice) async throws -> WardNoticeAnswer {
        let answer = await book.deliver(WorkerRequest(client: [], body: [WireJSON.encode(notice)], sendPartial: { _ in }))
        return try WireJSON.decode(WardNoticeAnswer.self, from: answer.first ?? [])
    }
}

@Suite("Ward store: personal data sealed at rest and erased on notice", .serialized)
struct CasePrivacyTests {
    @Test("a delivered case keeps no name, phone or team note in plain bytes, and reads back after a restart")
    func sealedAtRest() async throws {
        let opened = try await DeliveredCase.make()
        defer { opened.disk.remove() }
        let (disk, keys, book) = (opened.disk, opened.keys, opened.book)
        _ = try await book.apply(.accept(team: Fixture.team), to: Fixture.id).get()
        _ = try await book.apply(.contact(note: "Con gái đã đổi số 0987654321"), to: Fixture.id).get()
        let bytes = filesOf(disk.folder)
        for text in ["0912345678", "Bà Lan", "Con gái", "0987654321"] { #expect(!contains(bytes, text), "\(text) in plain bytes") }
        let reopened = try sealedBook(disk.path, keys: keys)
        let listed = await reopened.list(team: nil, state: nil)
        #expect(listed.count == 1)
        #expect(String(decoding: listed[0].1, as: UTF8.self).contains("0912345678"), "the team can still call back")
    }

    @Test("an erasure notice removes name, phone and notes, keeps the outcome, answers with every id, and is audited")
    func erasureNotice() async throws {
        let opened = try await DeliveredCase.make()
        defer { opened.disk.remove() }
        let (disk, book, final) = (opened.disk, opened.book, opened.final)
        _ = try await book.apply(.accept(team: Fixture.team), to: Fixture.id).get()
        _ = try await book.apply(.contact(note: "gọi lúc 9 giờ"), to: Fixture.id).get()
        _ = try await book.apply(.guide, to: Fixture.id).get()
        _ = await final.value
        let erased = try await opened.notice(WardNotice(erase: [Fixture.id, "007-9999999"]))
        #expect(erased.erased == [Fixture.id, "007-9999999"], "an id the ward never had counts as done")
        let (item, request) = try #require(await book.list(team: nil, state: nil).first)
        let help = try WireJSON.decode(HelpRequest.self, from: [UInt8](request))
        #expect(help.citizen?.phone == nil && help.citizen?.shortName == nil)
        #expect(item.history.allSatisfy { $0.note == nil })
        #expect(item.resolution?.outcome == .guidedOnly)
        let audit = try AuditLog(directory: disk.folder).entries()
        #expect(audit.map(\.action) == ["erase-notice"])
        #expect(audit.first?.requests == [Fixture.id.rawValue, "007-9999999"])
    }

    @Test("a cancellation notice closes an open case, answers its waiting delivery, and refuses further steps with the reason")
    func cancellation() async throws {
        let opened = try await DeliveredCase.make()
        defer { opened.disk.remove() }
        let (disk, keys, book, final) = (opened.disk, opened.keys, opened.book, opened.final)
        _ = try await book.apply(.accept(team: Fixture.team), to: Fixture.id).get()
        #expect(try await opened.notice(WardNotice(cancel: [Fixture.id])).cancelled == [Fixture.id])
        let report = try WireJSON.decode(WorkerReport.self, from: (await final.value).first ?? [])
        #expect(report.state == .cancelled, "the delivery is answered, so the dispatcher's credit comes back")
        let refused = await book.apply(.contact(note: nil), to: Fixture.id)
        guard case .failure(let error) = refused else {
            Issue.record("a step on a cancelled case was taken")
            return
        }
        #expect(error.message.contains("CANCELLED"))
        // After a restart the case is still closed, and a second notice changes nothing.
        let reopened = try sealedBook(disk.path, keys: keys)
        #expect(await reopened.list(team: nil, state: .cancelled).count == 1)
        #expect(await reopened.openIDs.isEmpty)
    }

    @Test("a withdraw notice forgets an open case (sent elsewhere after this ward lost it) and keeps a resolved one")
    func withdraw() async throws {
        let opened = try await DeliveredCase.make()
        defer { opened.disk.remove() }
        let (disk, keys, book, final) = (opened.disk, opened.keys, opened.book, opened.final)
        #expect(try await opened.notice(WardNotice(withdraw: [Fixture.id])).withdrawn == [Fixture.id])
        #expect(try WireJSON.decode(WorkerReport.self, from: (await final.value).first ?? []).declined == true)
        #expect(await book.list(team: nil, state: nil).isEmpty)
        #expect(await (try sealedBook(disk.path, keys: keys)).list(team: nil, state: nil).isEmpty, "gone from the store too")
    }

    @Test("retention erases resolved cases older than the cutoff and leaves open ones")
    func retention() async throws {
        let opened = try await DeliveredCase.make()
        defer { opened.disk.remove() }
        let (book, final) = (opened.book, opened.final)
        #expect(try await book.purge(days: 0, who: "test").isEmpty, "an open case is kept")
        try await guide(book)
        _ = await final.value
        #expect(try await book.purge(days: 1, who: "test").isEmpty, "resolved today: within 1 day of retention")
        #expect(try await book.purge(days: 0, who: "test") == [Fixture.id])
        #expect(try await book.purge(days: 0, who: "test").isEmpty, "erased once")
    }
}
