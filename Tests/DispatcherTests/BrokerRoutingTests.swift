@testable import Dispatcher
import Majordomo
import Testing

@Suite("Broker: requests, replies and dialects")
struct BrokerRoutingTests {
    @Test("a request reaches the worker and its PARTIAL and FINAL reach the client")
    func requestAndReplies() throws {
        var h = BrokerHarness()
        #expect(h.ready("w1", "ward.00286").isEmpty)
        let delivered = h.request("c1", "ward.00286", "help")
        #expect(delivered.count == 1)
        #expect(delivered[0].to == "w1")
        #expect(delivered[0].asRequest() == "help")
        let partial = try #require(h.reply("w1", for: "help", "accepted", final: false).first)
        #expect(partial.to == "c1")
        #expect(partial.asReply()?.final == false)
        #expect(partial.asReply()?.service == b("ward.00286"))
        let final = try #require(h.reply("w1", for: "help", "done").first)
        #expect(final.to == "c1")
        #expect(final.asReply()?.final == true)
        #expect(final.asReply()?.body == [b("done")])
    }

    @Test("each peer is answered in its own dialect", arguments: Dialect.allCases, Dialect.allCases)
    func mixedDialects(client: Dialect, worker: Dialect) throws {
        var h = BrokerHarness()
        _ = h.ready("w", "echo", worker)
        let request = try #require(h.request("c", "echo", "ping", client).first)
        #expect(request.asRequest(worker) == "ping")
        let reply = try #require(h.reply("w", for: "ping", "pong", worker).first)
        let decoded = try #require(reply.asReply(client))
        #expect(decoded.final)
        #expect(decoded.body == [b("pong")])
    }

    @Test("MDP/0.1 clients get only the final reply")
    func mdp01ClientSeesNoPartials() {
        var h = BrokerHarness()
        _ = h.ready("w", "echo")
        _ = h.request("c", "echo", "x", .mdp01)
        #expect(h.reply("w", for: "x", "p", final: false).isEmpty)
        #expect(h.reply("w", for: "x", "f").first?.asReply(.mdp01)?.body == [b("f")])
    }

    @Test("requests for a service without workers wait, then go to the first worker that registers")
    func queuedUntilWorker() {
        var h = BrokerHarness()
        #expect(h.request("c1", "ward.00241", "a").isEmpty)
        #expect(h.request("c2", "ward.00241", "b").isEmpty)
        #expect(h.broker.queuedRequests == 2)
        let sent = h.ready("w", "ward.00241")
        #expect(sent.count == 1)
        #expect(sent[0].asRequest() == "a")
        let next = h.reply("w", for: "a", "ok")
        #expect(next.count == 2, "the reply, then the next queued request to the now idle worker")
        #expect(next[0].to == "c1")
        #expect(next[1].asRequest() == "b")
        #expect(h.reply("w", for: "b", "ok").first?.to == "c2")
    }

    @Test("a plain MDP worker holds one request at a time; work goes to the longest-idle worker")
    func oneAtATimeLeastRecentlyUsed() {
        var h = BrokerHarness()
        _ = h.ready("w1", "s")
        _ = h.ready("w2", "s")
        #expect(h.request("c", "s", "1").first?.to == "w1")
        #expect(h.request("c", "s", "2").first?.to == "w2")
        #expect(h.request("c", "s", "3").isEmpty, "both workers are busy")
        let after = h.reply("w1", for: "1", "r")
        #expect(after.last?.to == "w1")
        #expect(after.last?.asRequest() == "3")
    }

    @Test("a worker with credit holds several requests, and load spreads across workers")
    func credit() {
        var h = BrokerHarness()
        _ = h.from("w1", WorkerCodec.ready(.rfc18, service: b("ward.00286"), credit: 2))
        _ = h.from("w2", WorkerCodec.ready(.rfc18, service: b("ward.00286"), credit: 2))
        let targets = (1...5).compactMap { h.request("c", "ward.00286", "job\($0)").first?.to }
        #expect(targets == ["w1", "w2", "w1", "w2"])
        #expect(h.broker.queuedRequests == 1)
        #expect(h.broker.requestsInFlight == 4)
        // Replies out of order are matched to the right request.
        #expect(h.reply("w1", for: "job3", "r3").first?.asReply()?.body == [b("r3")])
        #expect(h.sent.last?.asRequest() == "job5")
    }

    @Test("a queued request expires after the configured time")
    func expiry() {
        var h = BrokerHarness { $0.requestExpiry = .seconds(10) }
        _ = h.request("c", "nobody", "x")
        _ = h.advance(.seconds(5))
        #expect(h.broker.queuedRequests == 1)
        _ = h.advance(.seconds(6))
        #expect(h.broker.queuedRequests == 0)
        #expect(h.notices.contains(.requestExpired(service: b("nobody"))))
        #expect(h.ready("w", "nobody").isEmpty, "an expired request is not delivered")
    }

    @Test("a flood of requests beyond the queue limit is refused, not stored")
    func queueLimit() {
        var h = BrokerHarness { $0.maxQueuedRequests = 3 }
        for i in 0..<5 { _ = h.request("c", "svc\(i)", "x") }
        #expect(h.broker.queuedRequests == 3)
        #expect(h.notices.filter { if case .requestRefused = $0 { true } else { false } }.count == 2)
    }

    @Test("a reply to an unknown delivery is ignored, and the worker keeps its request")
    func unknownDelivery() {
        var h = BrokerHarness()
        _ = h.ready("w", "s")
        _ = h.request("c", "s", "x")
        #expect(h.from("w", WorkerCodec.reply(.rfc18, client: b("forged!!"), final: true, body: [b("r")]) ?? []).isEmpty)
        #expect(h.notices.contains(.staleReply(worker: b("w"), final: true)))
        #expect(h.reply("w", for: "x", "r").first?.to == "c")
    }
}
