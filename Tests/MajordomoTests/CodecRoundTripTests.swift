import Majordomo
import Testing

private func b(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite("Encoders and decoders agree, dialect by dialect")
struct CodecRoundTripTests {
    @Test("a client request encodes to what the broker decodes", arguments: Dialect.allCases)
    func clientRequest(dialect: Dialect) {
        let frames = ClientCodec.request(dialect, service: b("ward.00286"), body: [b("a"), b("b")])
        #expect(BrokerInbound.decode(frames[...]) == .success(.request(dialect, service: b("ward.00286"), body: [b("a"), b("b")])))
    }

    @Test("broker replies decode on the client side", arguments: Dialect.allCases)
    func brokerReply(dialect: Dialect) throws {
        let peer = b("peer")
        let final = try #require(BrokerOutbound.reply(to: peer, dialect, service: b("svc"), final: true, body: [b("ok")]))
        #expect(final.first == peer)
        let reply = try ClientCodec.decodeReply(dialect, Array(final.dropFirst())).get()
        #expect(reply.final)
        #expect(reply.body == [b("ok")])
        #expect(reply.service == (dialect == .majortomo ? [] : b("svc")))
        let partial = BrokerOutbound.reply(to: peer, dialect, service: b("svc"), final: false, body: [b("p")])
        if dialect == .mdp01 {
            #expect(partial == nil, "MDP/0.1 has no partial replies")
        } else {
            let decoded = try ClientCodec.decodeReply(dialect, Array(try #require(partial).dropFirst())).get()
            #expect(!decoded.final)
            #expect(decoded.body == [b("p")])
        }
    }

    @Test("worker commands round-trip through the broker's decoder", arguments: Dialect.allCases)
    func workerCommands(dialect: Dialect) throws {
        #expect(BrokerInbound.decode(WorkerCodec.ready(dialect, service: b("s"))[...]) == .success(.ready(dialect, service: b("s"), credit: 1)))
        #expect(BrokerInbound.decode(WorkerCodec.ready(dialect, service: b("s"), credit: 16)[...]) == .success(.ready(dialect, service: b("s"), credit: 16)))
        #expect(BrokerInbound.decode(WorkerCodec.heartbeat(dialect)[...]) == .success(.heartbeat(dialect)))
        #expect(BrokerInbound.decode(WorkerCodec.disconnect(dialect)[...]) == .success(.disconnect(dialect)))
        let final = try #require(WorkerCodec.reply(dialect, client: b("c"), final: true, body: [b("r")]))
        #expect(BrokerInbound.decode(final[...]) == .success(.final(dialect, client: b("c"), body: [b("r")])))
    }

    @Test("broker-to-worker messages decode on the worker side", arguments: Dialect.allCases)
    func toWorker(dialect: Dialect) throws {
        let request = BrokerOutbound.request(to: b("w"), dialect, client: b("c"), body: [b("x")])
        #expect(WorkerCodec.decode(dialect, Array(request.dropFirst())) == .success(.request(client: b("c"), body: [b("x")])))
        #expect(WorkerCodec.decode(dialect, Array(BrokerOutbound.heartbeat(to: b("w"), dialect).dropFirst())) == .success(.heartbeat))
        #expect(WorkerCodec.decode(dialect, Array(BrokerOutbound.disconnect(to: b("w"), dialect).dropFirst())) == .success(.disconnect))
    }

    @Test("majortomo peers get the leading empty frame on every message, heartbeats included")
    func majortomoEnvelope() {
        #expect(BrokerOutbound.heartbeat(to: b("w"), .majortomo) == [b("w"), [], b("MDPW02"), [0x05]])
        #expect(BrokerOutbound.heartbeat(to: b("w"), .rfc18) == [b("w"), b("MDPW02"), [0x05]])
        #expect(BrokerOutbound.heartbeat(to: b("w"), .mdp01) == [b("w"), [], b("MDPW01"), [0x04]])
    }
}
