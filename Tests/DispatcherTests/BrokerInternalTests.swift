@testable import Dispatcher
import Majordomo
import Testing

@Suite("Broker: the dispatcher's own deliveries")
struct BrokerInternalTests {
    @Test("spare credit counts what the service's workers can still take")
    func spareCredit() {
        var h = BrokerHarness()
        #expect(h.broker.spareCredit(service: b("ward.00286")) == 0)
        _ = h.from("w1", WorkerCodec.ready(.rfc18, service: b("ward.00286"), credit: 3))
        _ = h.ready("w2", "ward.00286")
        #expect(h.broker.spareCredit(service: b("ward.00286")) == 4)
        _ = h.request("c", "ward.00286", "x")
        #expect(h.broker.spareCredit(service: b("ward.00286")) == 3)
    }

    @Test("replies to an internal delivery come back by tag, not to any socket")
    func internalReplies() throws {
        var h = BrokerHarness()
        _ = h.ready("w", "ward.00286")
        var out = Outbox()
        h.broker.deliverInternal(service: b("ward.00286"), body: [b("case-7")], tag: 7, now: h.now, into: &out)
        let delivery = try #require(out.messages.first)
        #expect(delivery.to == "w")
        guard case .success(.request(let address, _)) = WorkerCodec.decode(.rfc18, Array(delivery.frames.dropFirst())) else {
            Issue.record("not a REQUEST"); return
        }
        var replies = Outbox()
        h.broker.receive(from: b("w"), WorkerCodec.reply(.rfc18, client: address, final: false, body: [b("ACCEPTED")])![...],
                         now: h.now, into: &replies)
        h.broker.receive(from: b("w"), WorkerCodec.reply(.rfc18, client: address, final: true, body: [b("DONE")])![...],
                         now: h.now, into: &replies)
        #expect(replies.messages.isEmpty)
        #expect(replies.internalReplies.map(\.tag) == [7, 7])
        #expect(replies.internalReplies.map(\.final) == [false, true])
        #expect(replies.internalReplies.last?.body == [b("DONE")])
    }

    @Test("when the worker dies the broker reports the delivery lost instead of redelivering it")
    func internalLost() {
        var h = BrokerHarness()
        _ = h.ready("w1", "ward.00286")
        _ = h.ready("w2", "ward.00286")
        var out = Outbox()
        h.broker.deliverInternal(service: b("ward.00286"), body: [b("case-9")], tag: 9, now: h.now, into: &out)
        let holder = out.messages.first?.to ?? ""
        var after = Outbox()
        h.broker.receive(from: b(holder), WorkerCodec.disconnect(.rfc18)[...], now: h.now, into: &after)
        #expect(after.internalLost == [9])
        #expect(after.messages.isEmpty, "the dispatcher, not the broker, decides about redelivery")
    }
}
