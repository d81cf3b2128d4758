import Foundation
import GRDB
import Logging
@testable import MajordomoPeers
import Storage
import Synchronization
import Testing
import WardWorker
import XungKich
import XungKichWire

/// The PARTIALs a delivery sent, from whichever thread sent them.
final class SentPartials: Sendable {
    private let items = Mutex<[[UInt8]]>([])
    func append(_ frames: [[UInt8]]) { items.withLock { $0.append(frames.first ?? []) } }
    var count: Int { items.withLock { $0.count } }
    /// Each PARTIAL as the dispatcher reads it.
    func reports() throws -> [WorkerReport] { try items.withLock { $0 }.map { try Fixture.report($0) } }
    /// Each PARTIAL with its action time.
    func timedReports() throws -> [WorkerReport] { try items.withLock { $0 }.map { try Fixture.timedReport($0) } }
}

/// A ward worker's case book over a real case store in a temporary folder.
struct BookOnDisk {
    let folder: String
    let path: String
    let book: CaseBook

    static func make() throws -> BookOnDisk {
        let folder = NSTemporaryDirectory() + "xk-cases-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/cases.sqlite"
        return BookOnDisk(folder: folder, path: path, book: try open(path))
    }

    static func open(_ path: String) throws -> CaseBook {
        var logger = Logger(label: "test.cases")
        logger.logLevel = .critical
        return try CaseBook(config: try Fixture.haiBaTrung(), ward: Fixture.ward, store: try CaseStore(path: path), logger: logger)
    }

    /// Runs SQL on the store's file through a connection of its own, as another process could.
    func execute(_ sql: String) throws {
        try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
    }

    func rowCount() throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ward_case") ?? -1 }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// A delivery as this release's dispatcher sends it.
func delivery(_ id: RequestID = Fixture.id, attempt: Int = 1, partials: SentPartials) -> WorkerRequest {
    let request = HelpRequest(ward: Fixture.ward.rawValue, procedure: "1.001193", field: "G15-TP07", helpType: .submitDossier,
                              channel: .walkIn, citizen: Citizen(shortName: "Bà Lan", phone: "0912345678", ageBand: .from70To79),
                              consent: Consent(given: true, textVersion: "XK-HBT-2024-01"))
    return WorkerRequest(client: [], body: [WireJSON.encode(WardDelivery(id: id, attempt: attempt, request: request))],
                         sendPartial: { partials.append($0) })
}

/// Waits until `condition` holds (a delivery opens its case on another task).
func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<200 {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}

/// Walks the open case to GUIDED_ONLY, so the delivery waiting for it is answered.
func guide(_ book: CaseBook) async throws {
    for step: CaseCommand in [.accept(team: Fixture.team), .contact(note: nil), .guide] {
        _ = try await book.apply(step, to: Fixture.id).get()
    }
}

let failUpdates = "CREATE TRIGGER t BEFORE UPDATE ON ward_case BEGIN SELECT RAISE(FAIL, 'simulated full disk'); END"
let failInserts = "CREATE TRIGGER t_insert BEFORE INSERT ON ward_case BEGIN SELECT RAISE(FAIL, 'simulated full disk'); END"

@Suite("Case book: nothing is reported that was not saved", .serialized)
struct CaseBookTests {
    @Test("a step whose save fails is refused, changes nothing and reports nothing; done again once the store works")
    func stepNotSaved() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        #expect(try partials.reports() == [WorkerReport(state: .assigned, update: 1, team: Fixture.team)])

        try disk.execute(failUpdates)
        let refused = await disk.book.apply(.accept(team: Fixture.team), to: Fixture.id)
        guard case .failure(let error) = refused else {
            Issue.record("a step the store could not save was taken: \(refused)")
            return
        }
        let failure = try #require(error.storeFailure)
        guard case .writeFailed(let file, let reason) = failure else {
            Issue.record("expected .writeFailed, got \(failure)")
            return
        }
        #expect(file.path == disk.path)
        #expect(reason.contains("simulated full disk"))
        #expect(error.message.contains("nothing was saved"))
        let unchanged = try #require(await disk.book.list(team: nil, state: nil).first?.0)
        #expect(unchanged.state == .assigned)
        #expect(unchanged.history.count == 1)
        #expect(partials.count == 1, "no PARTIAL for a step that was not saved")

        try disk.execute("DROP TRIGGER t")
        let accepted = await disk.book.apply(.accept(team: Fixture.team), to: Fixture.id)
        #expect((try? accepted.get())?.state == .accepted)
        #expect(partials.count == 2, "exactly one PARTIAL for the step")
        #expect(try partials.reports().last == WorkerReport(state: .accepted, update: 2, team: Fixture.team))
        #expect(await disk.book.list(team: nil, state: .accepted).count == 1)

        // The step is on disk: a worker started again on the same file has it.
        let reopened = try BookOnDisk.open(disk.path)
        #expect(await reopened.list(team: nil, state: nil).map(\.0.state) == [.accepted])

        // Resolving answers the delivery's FINAL.
        _ = await disk.book.apply(.contact(note: "gọi 0912345678"), to: Fixture.id)
        _ = await disk.book.apply(.guide, to: Fixture.id)
        let final = await waiting.value
        #expect(try Fixture.report(final.first) == WorkerReport(outcome: .guidedOnly, team: Fixture.team))
        let sent = try partials.reports()
        #expect(sent.map(\.state) == [.assigned, .accepted, .inProgress])
        #expect(!sent.contains { $0.outcome != nil }, "the resolution travels as the FINAL")
    }

    @Test("a resolution whose save fails is refused and the delivery stays open")
    func resolutionNotSaved() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        _ = await disk.book.apply(.accept(team: Fixture.team), to: Fixture.id)
        _ = await disk.book.apply(.contact(note: nil), to: Fixture.id)
        #expect(partials.count == 3)

        try disk.execute(failUpdates)
        let refused = await disk.book.apply(.vneid, to: Fixture.id)
        #expect(refused.failureValue?.storeFailure != nil)
        let open = try #require(await disk.book.list(team: nil, state: nil).first?.0)
        #expect(open.state == .inProgress)
        #expect(open.resolution == nil)
        #expect(partials.count == 3)

        try disk.execute("DROP TRIGGER t")
        #expect((try? await disk.book.apply(.vneid, to: Fixture.id).get())?.state == .resolved)
        #expect(try Fixture.report(await waiting.value.first) == WorkerReport(outcome: .vneidOnly, team: Fixture.team))
    }

    @Test("a delivery whose first save fails is given back ({\"declined\":true}) and no case is kept")
    func deliveryNotSaved() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        try disk.execute(failInserts)
        let partials = SentPartials()
        let answer = await disk.book.deliver(delivery(partials: partials))
        #expect(answer.count == 1)
        #expect(try Fixture.report(answer.first) == .giveBack)
        #expect(String(decoding: answer.first ?? [], as: UTF8.self) == #"{"declined":true}"#)
        #expect(await disk.book.list(team: nil, state: nil).isEmpty)
        #expect(await disk.book.openIDs.isEmpty)
        #expect(partials.count == 0)
        #expect(try disk.rowCount() == 0)

        // Redelivered once the store works, it opens.
        try disk.execute("DROP TRIGGER t_insert")
        let again = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(attempt: 2, partials: again)) }
        #expect(try await eventually { again.count == 1 })
        #expect(await disk.book.openIDs == [Fixture.id])
        #expect(try disk.rowCount() == 1)
        try await guide(disk.book)
        _ = await waiting.value
    }

    @Test("a delivery as the previous dispatcher wrote it opens a case")
    func oldShapedDelivery() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        // The previous release: `{"id":…,"attempt":…,"request":…}` in that order, the request as validated.
        let body = #"{"id":"007-0000042","attempt":1,"request":{"channel":"walk_in","citizen":{"ageBand":"70_79","phone":"0912345678","shortName":"Bà Lan"},"consent":{"given":true,"textVersion":"XK-HBT-2024-01"},"field":"G15-TP07","helpType":"submit_dossier","priority":{"disability":false,"elderly":true,"noSmartphone":false},"procedure":"1.001193","residentialGroup":"TDP 5","ward":"00286"}}"#
        let partials = SentPartials()
        let request = WorkerRequest(client: [], body: [Array(body.utf8)], sendPartial: { partials.append($0) })
        let waiting = Task { await disk.book.deliver(request) }
        #expect(try await eventually { partials.count == 1 })
        let (item, stored) = try #require(await disk.book.list(team: nil, state: nil).first)
        #expect(item.id == Fixture.id)
        #expect(item.field == "G15-TP07")
        #expect(item.team == Fixture.team)
        #expect(try WireJSON.decode(HelpRequest.self, from: [UInt8](stored)).citizen?.phone == "0912345678")
        try await guide(disk.book)
        _ = await waiting.value
    }

    @Test("a delivery that is not a WardDelivery is answered malformed and opens nothing")
    func unreadableDelivery() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let request = WorkerRequest(client: [], body: [Array(#"{"id":42,"request":"x"}"#.utf8)],
                                    sendPartial: { partials.append($0) })
        let answer = await disk.book.deliver(request)
        let error = try WireJSON.decode(ErrorEnvelope.self, from: answer.first ?? []).error
        #expect(error.code == .malformed)
        #expect(await disk.book.list(team: nil, state: nil).isEmpty)
        #expect(partials.count == 0)
    }

    @Test("a case store written by the previous release loads typed, and a redelivery of its resolved case gets the FINAL")
    func previousReleaseStore() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        // As the previous release saved them: JSONEncoder's default form, wait reason and mode as plain strings.
        let waiting = #"{"id":"007-0000041","ward":"00286","field":"G15-TP07","procedure":"1.001193","team":"00286-T01","state":"WAITING_CITIZEN","waitReason":"vneid_at_police","history":[{"at":1000,"kind":"assigned","state":"ASSIGNED","team":"00286-T01"},{"at":1001,"kind":"accept","state":"ACCEPTED","team":"00286-T01"},{"at":1002,"kind":"contact","state":"IN_PROGRESS","team":"00286-T01","note":"gọi 0912345678"},{"at":1003,"kind":"wait","state":"WAITING_CITIZEN","team":"00286-T01","note":"vneid_at_police"}],"createdAt":1000}"#
        let resolved = #"{"id":"007-0000042","ward":"00286","field":"G15-TP07","procedure":"1.001193","team":"00286-T01","state":"RESOLVED","resolution":{"outcome":"SUBMITTED_FULL_ONLINE","mode":"toan-trinh","legacyLevel":4,"dossiers":["000.00.07.H26-230519-0001"],"portal":"dichvucong.gov.vn","team":"00286-T01"},"history":[{"at":1000,"kind":"assigned","state":"ASSIGNED","team":"00286-T01"},{"at":1001,"kind":"accept","state":"ACCEPTED","team":"00286-T01"},{"at":1002,"kind":"contact","state":"IN_PROGRESS","team":"00286-T01"},{"at":1003,"kind":"submit","state":"RESOLVED","team":"00286-T01"}],"createdAt":1000}"#
        let request = #"{"channel":"walk_in","field":"G15-TP07","helpType":"submit_dossier","procedure":"1.001193","ward":"00286"}"#
        for (id, state, body) in [("007-0000041", "WAITING_CITIZEN", waiting), ("007-0000042", "RESOLVED", resolved)] {
            try await DatabaseQueue(path: disk.path).write { db in
                try db.execute(sql: "INSERT INTO ward_case (id, state, team, body, request, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [id, state, "00286-T01", Data(body.utf8), Data(request.utf8), 1003])
            }
        }
        let book = try BookOnDisk.open(disk.path)
        let cases = Dictionary(uniqueKeysWithValues: await book.list(team: nil, state: nil).map { ($0.0.id, $0.0) })
        #expect(cases["007-0000041"]?.waitReason == .vneidAtPolice)
        #expect(cases["007-0000042"]?.resolution?.mode == .fullProcess)
        #expect(await book.openIDs == ["007-0000041"])

        // The dispatcher lost the FINAL and delivers again: the updates are replayed, the FINAL answered at once.
        let partials = SentPartials()
        let answer = await book.deliver(delivery("007-0000042", attempt: 2, partials: partials))
        #expect(try Fixture.report(answer.first) == WorkerReport(
            outcome: .submittedFullOnline, team: Fixture.team, mode: .fullProcess, legacyLevel: 4,
            dossiers: [Fixture.dossier], portal: "dichvucong.gov.vn"))
        #expect(try partials.reports().map(\.update) == [1, 2, 3])
        #expect(try partials.reports().map(\.state) == [.assigned, .accepted, .inProgress])

        // The waiting case goes on where it was.
        let resumed = await book.apply(.resume, to: "007-0000041")
        #expect((try? resumed.get())?.state == .inProgress)
    }

    @Test("a case store file of 0 bytes is refused as empty")
    func emptyStore() throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        // A file of its own: `disk.path` is open already, with its WAL beside it.
        let path = disk.folder + "/restored.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: CaseStoreError.empty(StoreFile(path: path, role: .caseStore))) { try CaseStore(path: path) }
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0,
                "refusing did not make it a new store")
    }

    @Test("a case store file of random bytes is refused as damaged")
    func damagedStore() throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<16_384).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = disk.folder + "/restored.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(noise)))
        do {
            _ = try CaseStore(path: path)
            Issue.record("random bytes were opened as a case store")
        } catch {
            guard case .damaged(let file, _) = error else {
                Issue.record("expected .damaged, got \(error)")
                return
            }
            #expect(file.path == path)
            #expect(error.description.contains("restore it from your latest backup"))
        }
    }
}

extension Result {
    /// The error, or nil on success.
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
