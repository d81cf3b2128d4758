import Dispatcher
import Foundation
import GRDB
import Logging
import MajordomoPeers
import XungKich
import XungKichWire
import ZeroMQ
import Testing

/// What these tests submit: a ward, and optionally the priority flag and an idempotency key.
private struct TestSubmission: Decodable {
    var ward: String?
    var elderly: Bool?
    var idempotencyKey: String?
}

/// A small validator for these tests (the real one is the domain's `HelpRequest` validation).
private let jsonValidator: SubmitValidator = { body in
    guard let submission = try? WireJSON.decode(TestSubmission.self, from: body),
          let ward = submission.ward, ward.count == 5 else {
        return .failure(WireError(invalid: [HelpRequestProblem(field: "ward", message: "missing or not a 5-digit GSO code")]))
    }
    return .success(AcceptedRequest(ward: WardCode(ward), procedure: "1.001193", field: "G15-TP07",
                                    isPriority: submission.elderly ?? false,
                                    idempotencyKey: submission.idempotencyKey, body: body))
}

private func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "xk-durable-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The answer a reply carries; throws the ``WireError`` when it is a refusal.
private func answer<T: Decodable>(_ type: T.Type, _ reply: [[UInt8]]) throws(WireError) -> T {
    try WireJSON.decodeReply(T.self, from: reply.first ?? [])
}

/// The refusal a reply carries, or nil when it is an answer of type `T`.
private func refusal<T: Decodable>(_ type: T.Type, _ reply: [[UInt8]]) -> WireError? {
    do {
        _ = try answer(T.self, reply)
        return nil
    } catch {
        return error
    }
}

private func quiet() -> Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}

@Suite("Durable dispatch through a real dispatcher (tcp, SQLite)", .serialized)
struct DurableIntegrationTests {
    @Test("submit, delivery to the ward worker, outcome in status; all of it survives a restart")
    func endToEnd() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let durable = DurableOptions(dataDirectory: data, districtCode: "007", validate: jsonValidator)
        let first = try await RunningDispatcher.start(durable: durable)
        var workerOptions = MajordomoWorker.Options()
        workerOptions.heartbeatInterval = .milliseconds(200)
        let worker = try MajordomoWorker(endpoint: first.endpoint, service: "ward.00286", options: workerOptions,
                                         logger: quiet()) { request in
            request.partial([Array("{\"state\":\"ACCEPTED\",\"team\":\"00286-T01\"}".utf8)])
            return [Array("{\"outcome\":\"SUBMITTED_FULL_ONLINE\",\"dossiers\":[\"000.00.07.H26-230519-0001\"]}".utf8)]
        }
        let running = Task { try await worker.run() }
        let client = try MajordomoClient(endpoint: first.endpoint)
        let submitted = try answer(SubmitAnswer.self, try await client.request(
            service: "xk.submit", body: [Array("{\"ward\":\"00286\",\"idempotencyKey\":\"k-1\"}".utf8)]))
        let id = submitted.id
        #expect(submitted.duplicate == false)

        var status: StatusAnswer?
        for _ in 0..<50 {
            status = try answer(StatusAnswer.self, try await client.request(service: "xk.status", body: [Array(id.rawValue.utf8)]))
            if status?.state == .resolved { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status?.outcome == .submittedFullOnline)
        #expect(status?.history.map(\.kind) == [.accepted, .delivered, .progress, .resolved])
        #expect(status?.history.last?.detail?.dossiers == ["000.00.07.H26-230519-0001"])

        let rejected = refusal(SubmitAnswer.self, try await client.request(service: "xk.submit",
                                                                           body: [Array("{\"ward\":\"12\"}".utf8)]))
        #expect(rejected?.code == .invalidRequest)
        #expect(rejected?.problems.first?.field == "ward")
        client.close()
        worker.stop()
        try await running.value
        try await first.stop()

        let second = try await RunningDispatcher.start(durable: durable)
        let again = try MajordomoClient(endpoint: second.endpoint)
        let after = try answer(StatusAnswer.self, try await again.request(service: "xk.status", body: [Array(id.rawValue.utf8)]))
        #expect(after.state == .resolved)
        let duplicate = try answer(SubmitAnswer.self, try await again.request(
            service: "xk.submit", body: [Array("{\"ward\":\"00286\",\"idempotencyKey\":\"k-1\"}".utf8)]))
        #expect(duplicate.id == id)
        #expect(duplicate.duplicate == true)
        let unknown = refusal(StatusAnswer.self, try await again.request(service: "xk.status", body: [Array("007-0009999".utf8)]))
        #expect(unknown?.code == .notFound)
        again.close()
        try await second.stop()
    }

    @Test("an accepted request waits for its ward's worker across a restart and is then delivered")
    func waitsAcrossRestart() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let durable = DurableOptions(dataDirectory: data, districtCode: "007", validate: jsonValidator)
        let first = try await RunningDispatcher.start(durable: durable)
        let client = try MajordomoClient(endpoint: first.endpoint)
        let id = try answer(SubmitAnswer.self, try await client.request(service: "xk.submit",
                                                                        body: [Array("{\"ward\":\"00241\"}".utf8)])).id
        client.close()
        try await first.stop()

        let second = try await RunningDispatcher.start(durable: durable)
        let worker = try MajordomoWorker(endpoint: second.endpoint, service: "ward.00241", logger: quiet()) { request in
            let text = String(decoding: request.body.first ?? [], as: UTF8.self)
            // The previous release's FINAL: the outcome alone.
            return [Array((text.contains(id.rawValue) ? "{\"outcome\":\"GUIDED_ONLY\"}" : "{}").utf8)]
        }
        let running = Task { try await worker.run() }
        let again = try MajordomoClient(endpoint: second.endpoint)
        var state: RequestState?
        for _ in 0..<60 where state != .resolved {
            state = try? answer(StatusAnswer.self, try await again.request(service: "xk.status", body: [Array(id.rawValue.utf8)])).state
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(state == .resolved)
        again.close()
        worker.stop()
        try await running.value
        try await second.stop()
    }

    @Test("every journaled change is published with a strictly increasing sequence, and can be replayed")
    func eventsLiveAndReplay() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let eventsEndpoint = "ipc://\(data)/events"
        let durable = DurableOptions(dataDirectory: data, districtCode: "007", validate: jsonValidator)
        let dispatcher = try await RunningDispatcher.start(durable: durable, events: eventsEndpoint)
        let context = try ZMQContext()
        let subscriber = try ZMQSocket(context, .sub)
        try subscriber.set(.subscribe([]))
        try subscriber.connect(eventsEndpoint)
        try await Task.sleep(for: .milliseconds(200))  // PUB/SUB: let the subscription reach the publisher

        let client = try MajordomoClient(endpoint: dispatcher.endpoint)
        for n in 0..<3 {
            _ = try await client.request(service: "xk.submit",
                                         body: [Array("{\"ward\":\"00286\",\"name\":\"Bà Lan \(n)\"}".utf8)])
        }
        var live: [WireEvent] = []
        var poller = Poller()
        poller.add(subscriber)
        while live.count < 3, try poller.poll(timeoutMilliseconds: 2000) > 0 {
            while let frames = try subscriber.receive(dontWait: true) {
                #expect(frames.first == WireEvent.topic)
                live.append(try WireJSON.decode(WireEvent.self, from: frames.dropFirst().first ?? []))
            }
        }
        #expect(live.map(\.seq) == [1, 2, 3])
        #expect(live.allSatisfy { $0.kind == .accepted && $0.ward == "00286" && $0.requestId != nil })

        let replay = try answer(EventsPage.self, try await client.request(service: "xk.events",
                                                                          body: [Array("{\"after\":1}".utf8)]))
        #expect(replay.events.map(\.seq) == [2, 3])
        #expect(replay.last == 3)
        let limited = try answer(EventsPage.self, try await client.request(service: "xk.events",
                                                                           body: [Array(#"{"after":0,"limit":1}"#.utf8)]))
        #expect(limited.events.map(\.seq) == [1])
        let garbled = refusal(EventsPage.self, try await client.request(service: "xk.events",
                                                                       body: [Array(#"{"after":"one"}"#.utf8)]))
        #expect(garbled?.code == .malformed)
        #expect(garbled?.problems.first?.field == "after")
        client.close()
        subscriber.close()
        context.terminate()
        try await dispatcher.stop()
    }

    @Test("mmi.service answers 200 for the xk services of a durable dispatcher, 404 on a plain one")
    func mmiForInternalServices() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let durable = DurableOptions(dataDirectory: data, districtCode: "007", validate: jsonValidator)
        let dispatcher = try await RunningDispatcher.start(durable: durable)
        let client = try MajordomoClient(endpoint: dispatcher.endpoint)
        for service in ["xk.submit", "xk.status", "xk.admin", "xk.events"] {
            #expect(try await client.hasWorkers(for: service), "\(service) is served by the dispatcher itself")
        }
        #expect(try await client.hasWorkers(for: "ward.00286") == false)
        client.close()
        try await dispatcher.stop()

        let plain = try await RunningDispatcher.start()
        let probe = try MajordomoClient(endpoint: plain.endpoint)
        #expect(try await probe.hasWorkers(for: "xk.submit") == false)
        probe.close()
        try await plain.stop()
    }

    @Test("an xk.submit body over its 16 KiB limit is answered too-large before it is parsed, and the dispatcher keeps serving")
    func tooLarge() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let durable = DurableOptions(dataDirectory: data, districtCode: "007", validate: jsonValidator)
        let dispatcher = try await RunningDispatcher.start(durable: durable, maxMessageSize: 64 << 10)
        let client = try MajordomoClient(endpoint: dispatcher.endpoint)
        // A submission the validator would take, but 80 KiB long: over xk.submit's 16 KiB (and the 64 KiB
        // --max-message-size), under the 96 KiB at which the socket drops the connection.
        let padding = String(repeating: "x", count: 80 << 10)
        let large = Array(#"{"ward":"00286","note":"\#(padding)"}"#.utf8)
        let error = try #require(refusal(SubmitAnswer.self, try await client.request(service: "xk.submit", body: [large])))
        #expect(error.code == .tooLarge)
        #expect(!error.retryable)
        #expect(error.message.contains("\(16 << 10)"), "\(error.message)")

        // Still serving, and nothing was stored for the refused message: the next request is the first.
        let taken = try answer(SubmitAnswer.self, try await client.request(service: "xk.submit",
                                                                           body: [Array(#"{"ward":"00286"}"#.utf8)]))
        #expect(taken.id == "007-0000001")
        let status = try answer(StatusAnswer.self, try await client.request(service: "xk.status", body: [Array(taken.id.rawValue.utf8)]))
        #expect(status.history.map(\.kind) == [.accepted])
        client.close()
        try await dispatcher.stop()
    }

    @Test("a journal that cannot be written is answered with retryable errors, reads go on, and it resumes by itself")
    func journalWriteFailure() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let durable = DurableOptions(dataDirectory: data, districtCode: "007", validate: jsonValidator)
        let dispatcher = try await RunningDispatcher.start(durable: durable)
        let client = try MajordomoClient(endpoint: dispatcher.endpoint)
        // Another connection to the journal makes every new request's write fail, as a failing disk would.
        let journal = try DatabaseQueue(path: durable.journalPath)
        try await journal.write { db in
            try db.execute(sql: "CREATE TRIGGER t BEFORE INSERT ON request BEGIN SELECT RAISE(FAIL, 'simulated I/O error'); END")
        }
        let submission = Array(#"{"ward":"00286","idempotencyKey":"k-9"}"#.utf8)
        let failed = try #require(refusal(SubmitAnswer.self, try await client.request(service: "xk.submit", body: [submission])))
        #expect(failed.code == .storeUnavailable)
        #expect(failed.retryable)
        // While failing: new work is refused at once, reads are still answered.
        let refused = refusal(SubmitAnswer.self, try await client.request(service: "xk.submit", body: [submission]))
        #expect(refused?.code == .storeUnavailable)
        #expect(refusal(StatusAnswer.self, try await client.request(service: "xk.status", body: [Array("007-0000001".utf8)]))?.code
            == .notFound, "nothing of the refused request was kept")
        let page = try answer(EventsPage.self, try await client.request(service: "xk.events", body: [Array(#"{"after":0}"#.utf8)]))
        #expect(page.events.isEmpty)
        #expect(page.last == 0)

        try await journal.write { db in try db.execute(sql: "DROP TRIGGER t") }
        var taken: SubmitAnswer?
        for _ in 0..<40 where taken == nil {
            try await Task.sleep(for: .milliseconds(100))
            taken = try? answer(SubmitAnswer.self, try await client.request(service: "xk.submit", body: [submission]))
        }
        // The same key is a new request (the refused one was never stored), and it gets the first id.
        #expect(taken == SubmitAnswer(id: "007-0000001", duplicate: false))
        let status = try answer(StatusAnswer.self, try await client.request(service: "xk.status", body: [Array("007-0000001".utf8)]))
        #expect(status.history.map(\.kind) == [.accepted])
        #expect(status.history.map(\.seq) == [1])
        client.close()
        try await dispatcher.stop()
    }
}
