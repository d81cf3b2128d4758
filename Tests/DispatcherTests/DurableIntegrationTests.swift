import Dispatcher
import Foundation
import Logging
import MajordomoPeers
import ZeroMQ
import Testing

/// A small JSON validator for these tests (the real one is the domain's `HelpRequest` validation).
private let jsonValidator: SubmitValidator = { body in
    guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
          let ward = object["ward"] as? String, ward.count == 5 else {
        return .failure(SubmitRejection(problems: [("ward", "missing or not a 5-digit GSO code")]))
    }
    return .success(AcceptedRequest(ward: ward, procedure: "1.001193", field: "G15-TP07",
                                    isPriority: object["elderly"] as? Bool ?? false,
                                    idempotencyKey: object["idempotencyKey"] as? String, body: body))
}

private func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "xk-durable-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func json(_ reply: [[UInt8]]) -> [String: Any] {
    (reply.first.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) } as? [String: Any]) ?? [:]
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
        let submitted = json(try await client.request(service: "xk.submit",
                                                      body: [Array("{\"ward\":\"00286\",\"idempotencyKey\":\"k-1\"}".utf8)]))
        let id = try #require(submitted["id"] as? String)
        #expect(submitted["duplicate"] as? Bool == false)

        var status: [String: Any] = [:]
        for _ in 0..<50 {
            status = json(try await client.request(service: "xk.status", body: [Array(id.utf8)]))
            if status["state"] as? String == "RESOLVED" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status["outcome"] as? String == "SUBMITTED_FULL_ONLINE")
        let kinds = (status["history"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds == ["accepted", "delivered", "progress", "resolved"])

        let rejected = json(try await client.request(service: "xk.submit", body: [Array("{\"ward\":\"12\"}".utf8)]))
        #expect(((rejected["error"] as? [String: Any])?["problems"] as? [[String: Any]])?.first?["field"] as? String == "ward")
        client.close()
        worker.stop()
        try await running.value
        try await first.stop()

        let second = try await RunningDispatcher.start(durable: durable)
        let again = try MajordomoClient(endpoint: second.endpoint)
        let after = json(try await again.request(service: "xk.status", body: [Array(id.utf8)]))
        #expect(after["state"] as? String == "RESOLVED")
        let duplicate = json(try await again.request(service: "xk.submit",
                                                     body: [Array("{\"ward\":\"00286\",\"idempotencyKey\":\"k-1\"}".utf8)]))
        #expect(duplicate["id"] as? String == id)
        #expect(duplicate["duplicate"] as? Bool == true)
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
        let id = try #require(json(try await client.request(service: "xk.submit",
                                                            body: [Array("{\"ward\":\"00241\"}".utf8)]))["id"] as? String)
        client.close()
        try await first.stop()

        let second = try await RunningDispatcher.start(durable: durable)
        let worker = try MajordomoWorker(endpoint: second.endpoint, service: "ward.00241", logger: quiet()) { request in
            let text = String(decoding: request.body.first ?? [], as: UTF8.self)
            return [Array((text.contains(id) ? "{\"outcome\":\"GUIDED_ONLY\"}" : "{}").utf8)]
        }
        let running = Task { try await worker.run() }
        let again = try MajordomoClient(endpoint: second.endpoint)
        var state = ""
        for _ in 0..<60 where state != "RESOLVED" {
            state = json(try await again.request(service: "xk.status", body: [Array(id.utf8)]))["state"] as? String ?? ""
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(state == "RESOLVED")
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
        var live: [[String: Any]] = []
        var poller = Poller()
        poller.add(subscriber)
        while live.count < 3, try poller.poll(timeoutMilliseconds: 2000) > 0 {
            while let frames = try subscriber.receive(dontWait: true) {
                #expect(frames.first == Array("event".utf8))
                live.append(json(Array(frames.dropFirst())))
            }
        }
        let liveSeqs = live.compactMap { ($0["seq"] as? NSNumber)?.int64Value }
        #expect(liveSeqs == [1, 2, 3])
        #expect(live.allSatisfy { $0["kind"] as? String == "accepted" && $0["ward"] as? String == "00286" })

        let replay = json(try await client.request(service: "xk.events", body: [Array("{\"after\":1}".utf8)]))
        let replayed = (replay["events"] as? [[String: Any]] ?? []).compactMap { ($0["seq"] as? NSNumber)?.int64Value }
        #expect(replayed == [2, 3])
        #expect((replay["last"] as? NSNumber)?.int64Value == 3)
        client.close()
        subscriber.close()
        context.terminate()
        try await dispatcher.stop()
    }
}
