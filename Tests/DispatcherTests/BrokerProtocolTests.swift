@testable import Dispatcher
import Majordomo
import Testing

@Suite("Broker: protocol duties (RFC 18, RFC 8)")
struct BrokerProtocolTests {
    @Test("mmi.service answers 200 for a served service and 404 otherwise; other mmi.* answer 501")
    func mmi() throws {
        var h = BrokerHarness()
        _ = h.ready("w", "ward.00286")
        let found = try #require(h.from("c", ClientCodec.request(.rfc18, service: b("mmi.service"), body: [b("ward.00286")])).first?.asReply())
        #expect(found.body == [b("200")])
        #expect(found.service == b("mmi.service"))
        let missing = try #require(h.from("c", ClientCodec.request(.majortomo, service: b("mmi.service"), body: [b("ward.99999")])).first?.asReply(.majortomo))
        #expect(missing.body == [b("404")])
        let other = try #require(h.from("c", ClientCodec.request(.mdp01, service: b("mmi.echo"), body: [])).first?.asReply(.mdp01))
        #expect(other.body == [b("501")])
    }

    @Test("a worker may not register an mmi.* service")
    func mmiRegistrationRefused() {
        var h = BrokerHarness()
        let sent = h.ready("w", "mmi.service")
        #expect(sent.count == 1 && sent[0].isDisconnect())
        #expect(h.broker.workerCount(service: b("mmi.service")) == 0)
    }

    @Test("a second READY gets DISCONNECT, and the request the worker held goes to another worker")
    func duplicateReady() {
        var h = BrokerHarness()
        _ = h.ready("w1", "s")
        _ = h.request("c", "s", "job")
        _ = h.ready("w2", "s")
        let sent = h.ready("w1", "s")
        #expect(sent.first?.isDisconnect() == true)
        #expect(sent.first?.to == "w1")
        #expect(sent.last?.to == "w2")
        #expect(sent.last?.asRequest() == "job")
        #expect(h.broker.workerCount(service: b("s")) == 1)
    }

    @Test("HEARTBEAT, PARTIAL or FINAL from an unregistered worker gets DISCONNECT")
    func unexpectedFromStranger() {
        var h = BrokerHarness()
        #expect(h.from("x", WorkerCodec.heartbeat(.majortomo)).first?.isDisconnect(.majortomo) == true)
        #expect(h.reply("y", for: "anything", "r").first?.isDisconnect() == true)
        #expect(h.from("z", WorkerCodec.disconnect(.rfc18)).isEmpty, "nothing is sent after a DISCONNECT")
    }

    @Test("a second FINAL for the same delivery is recorded and ignored, never relayed twice")
    func duplicateFinal() {
        var h = BrokerHarness()
        _ = h.ready("w", "s")
        _ = h.request("c", "s", "x")
        #expect(h.reply("w", for: "x", "r").count == 1)
        #expect(h.reply("w", for: "x", "r").isEmpty)
        #expect(h.notices.contains(.staleReply(worker: b("w"), final: true)))
        #expect(h.broker.workerCount(service: b("s")) == 1)
    }

    @Test("invalid messages are dropped silently and reported as notices")
    func invalidDropped() {
        var h = BrokerHarness()
        #expect(h.from("p", [b("GET / HTTP/1.1")]).isEmpty)
        #expect(h.from("p", [b("MDPW02"), [0x42]]).isEmpty)
        #expect(h.notices.count == 2)
    }

    @Test("a worker that switches dialect mid-stream is not believed")
    func dialectSwitch() {
        var h = BrokerHarness()
        _ = h.ready("w", "s", .rfc18)
        _ = h.request("c", "s", "x")
        #expect(h.reply("w", for: "x", "r", .majortomo).isEmpty)
        #expect(h.reply("w", for: "x", "r", .rfc18).first?.to == "c")
    }
}
