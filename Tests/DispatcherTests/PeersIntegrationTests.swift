import Dispatcher
import Logging
import Majordomo
import MajordomoPeers
import Testing

private func quietLogger() -> Logger {
    var logger = Logger(label: "test.peer")
    logger.logLevel = .critical
    return logger
}

private func workerOptions(concurrency: Int = 1) -> MajordomoWorker.Options {
    var options = MajordomoWorker.Options()
    options.heartbeatInterval = .milliseconds(200)
    options.reconnectInitial = .milliseconds(50)
    options.reconnectMax = .milliseconds(400)
    options.concurrency = concurrency
    return options
}

private func clientOptions(timeout: Duration = .seconds(3), retries: Int = 2) -> MajordomoClient.Options {
    var options = MajordomoClient.Options()
    options.timeout = timeout
    options.retries = retries
    return options
}

/// Starts a worker in the background; returns it and its running task.
private func startWorker(_ endpoint: String, _ service: String, concurrency: Int = 1,
                         handler: @escaping MajordomoWorker.Handler) throws -> (MajordomoWorker, Task<Void, any Error>) {
    let worker = try MajordomoWorker(endpoint: endpoint, service: service, options: workerOptions(concurrency: concurrency),
                                     logger: quietLogger(), handler: handler)
    return (worker, Task { try await worker.run() })
}

private func waitForWorkers(_ client: MajordomoClient, _ service: String) async throws {
    for _ in 0..<100 {
        if try await client.hasWorkers(for: service) { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("no worker registered for \(service)")
}

@Suite("Swift client and worker through a real dispatcher (tcp)", .serialized)
struct PeersIntegrationTests {
    @Test("a request gets its partial and final replies")
    func partialAndFinal() async throws {
        let dispatcher = try await RunningDispatcher.start()
        let (worker, running) = try startWorker(dispatcher.endpoint, "ward.00286") { request in
            request.partial([Array("accepted".utf8)])
            return [Array("done:".utf8) + (request.body.first ?? [])]
        }
        let client = try MajordomoClient(endpoint: dispatcher.endpoint, options: clientOptions())
        try await waitForWorkers(client, "ward.00286")
        let partials = PartialLog()
        let reply = try await client.request(service: "ward.00286", body: [Array("hello".utf8)]) { partials.append($0) }
        #expect(reply == [Array("done:hello".utf8)])
        #expect(partials.all == [[Array("accepted".utf8)]])
        client.close()
        worker.stop()
        try await running.value
        try await dispatcher.stop()
    }

    @Test("mmi.service tells whether a ward is served")
    func mmi() async throws {
        let dispatcher = try await RunningDispatcher.start()
        let client = try MajordomoClient(endpoint: dispatcher.endpoint, options: clientOptions())
        #expect(try await client.hasWorkers(for: "ward.00241") == false)
        let (worker, running) = try startWorker(dispatcher.endpoint, "ward.00241") { $0.body }
        try await waitForWorkers(client, "ward.00241")
        #expect(try await client.hasWorkers(for: "ward.00241"))
        worker.stop()
        try await running.value
        client.close()
        try await dispatcher.stop()
    }

    @Test("with no worker, the client gives up after its retries with an error naming the service")
    func timeoutAndRetries() async throws {
        let dispatcher = try await RunningDispatcher.start()
        let client = try MajordomoClient(endpoint: dispatcher.endpoint, options: clientOptions(timeout: .milliseconds(200), retries: 2))
        await #expect(throws: MajordomoClientError.timedOut(service: "ward.00298", attempts: 3, endpoint: dispatcher.endpoint)) {
            try await client.request(service: "ward.00298", body: [[1]])
        }
        client.close()
        try await dispatcher.stop()
    }

    @Test("a worker with credit serves several requests at once")
    func concurrency() async throws {
        let dispatcher = try await RunningDispatcher.start()
        let gate = Gate(expected: 4)
        let (worker, running) = try startWorker(dispatcher.endpoint, "ward.00277", concurrency: 4) { request in
            await gate.arriveAndWait()   // only completes if all four are in the worker at once
            return request.body
        }
        let clients = try (0..<4).map { _ in try MajordomoClient(endpoint: dispatcher.endpoint, options: clientOptions()) }
        try await waitForWorkers(clients[0], "ward.00277")
        try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
            for (i, client) in clients.enumerated() {
                group.addTask { try await client.request(service: "ward.00277", body: [[UInt8(i)]]) }
            }
            var seen: Set<UInt8> = []
            for try await reply in group { seen.insert(reply.first?.first ?? 255) }
            #expect(seen == [0, 1, 2, 3])
        }
        clients.forEach { $0.close() }
        worker.stop()
        try await running.value
        try await dispatcher.stop()
    }

    @Test("a worker reconnects and serves again after the dispatcher restarts on the same endpoint")
    func paranoidPirate() async throws {
        let first = try await RunningDispatcher.start()
        let endpoint = first.endpoint
        let (worker, running) = try startWorker(endpoint, "ward.00283") { $0.body }
        let probe = try MajordomoClient(endpoint: endpoint, options: clientOptions())
        try await waitForWorkers(probe, "ward.00283")
        probe.close()
        try await first.stop()

        let second = try await RunningDispatcher.start(endpoint: endpoint)
        let client = try MajordomoClient(endpoint: endpoint, options: clientOptions(timeout: .seconds(2), retries: 3))
        let reply = try await client.request(service: "ward.00283", body: [Array("again".utf8)])
        #expect(reply == [Array("again".utf8)])
        client.close()
        worker.stop()
        try await running.value
        try await second.stop()
    }
}
