import Majordomo
import Testing

private func b(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite("Decoding what peers send a broker")
struct BrokerInboundTests {
    @Test("each dialect's client request is recognised by its shape")
    func clientDialects() {
        #expect(BrokerInbound.decode([b("MDPC02"), [0x01], b("echo"), b("hi")][...])
            == .success(.request(.rfc18, service: b("echo"), body: [b("hi")])))
        #expect(BrokerInbound.decode([[], b("MDPC02"), [0x02], b("echo"), b("hi")][...])
            == .success(.request(.majortomo, service: b("echo"), body: [b("hi")])))
        #expect(BrokerInbound.decode([[], b("MDPC01"), b("echo"), b("hi")][...])
            == .success(.request(.mdp01, service: b("echo"), body: [b("hi")])))
    }

    @Test("a command byte from the other MDP/0.2 reading is refused, not misread")
    func crossedCommandBytes() {
        #expect(throws: DecodeError.self) { try BrokerInbound.decode([b("MDPC02"), [0x02], b("echo")][...]).get() }
        #expect(throws: DecodeError.self) { try BrokerInbound.decode([[], b("MDPC02"), [0x01], b("echo")][...]).get() }
        #expect(throws: DecodeError.self) { try BrokerInbound.decode([b("MDPC01"), b("echo")][...]).get() }
    }

    @Test("worker commands in MDP/0.2 and MDP/0.1 numbering")
    func workerCommands() {
        #expect(BrokerInbound.decode([b("MDPW02"), [0x01], b("ward.00286")][...])
            == .success(.ready(.rfc18, service: b("ward.00286"), credit: 1)))
        #expect(BrokerInbound.decode([b("MDPW02"), [0x01], b("s"), b("99999")][...]) == .success(.ready(.rfc18, service: b("s"), credit: 1)), "unreadable credit is plain MDP")
        #expect(BrokerInbound.decode([b("MDPW02"), [0x01], b("s"), b("8")][...]) == .success(.ready(.rfc18, service: b("s"), credit: 8)))
        #expect(BrokerInbound.decode([[], b("MDPW02"), [0x03], b("c1"), [], b("x")][...])
            == .success(.partial(.majortomo, client: b("c1"), body: [b("x")])))
        #expect(BrokerInbound.decode([[], b("MDPW02"), [0x04], b("c1"), [], b("x")][...])
            == .success(.final(.majortomo, client: b("c1"), body: [b("x")])))
        #expect(BrokerInbound.decode([[], b("MDPW01"), [0x03], b("c1"), [], b("x")][...])
            == .success(.final(.mdp01, client: b("c1"), body: [b("x")])))
        #expect(BrokerInbound.decode([[], b("MDPW01"), [0x04]][...]) == .success(.heartbeat(.mdp01)))
        #expect(BrokerInbound.decode([b("MDPW02"), [0x05]][...]) == .success(.heartbeat(.rfc18)))
        #expect(BrokerInbound.decode([b("MDPW02"), [0x06]][...]) == .success(.disconnect(.rfc18)))
        #expect(BrokerInbound.decode([[], b("MDPW01"), [0x05]][...]) == .success(.disconnect(.mdp01)))
    }

    @Test("malformed messages are rejected with a reason", arguments: [
        [[UInt8]](),
        [[]],
        [b("HTTP/1.1")],
        [b("MDPW02")],
        [b("MDPW02"), [0x09]],
        [b("MDPW02"), [0x01, 0x01]],
        [b("MDPW02"), [0x01]],
        [b("MDPW02"), [0x01], []],
        [b("MDPW02"), [0x02], b("c"), []],
        [b("MDPW02"), [0x04], b("c")],
        [b("MDPW02"), [0x04], [], []],
        [b("MDPW02"), [0x04], b("c"), b("not-empty")],
        [b("MDPC02"), [0x01]],
        [b("MDPC02"), [0x01], []],
        [[], b("MDPW01"), [0x06]],
        [b("MDPW01"), [0x01], b("svc")],
    ])
    func malformed(frames: [[UInt8]]) {
        #expect(throws: DecodeError.self) { try BrokerInbound.decode(frames[...]).get() }
    }

    @Test("random frames never trap the decoder")
    func fuzz() {
        var rng = SystemRandomNumberGenerator()
        let headers = [b("MDPC02"), b("MDPW02"), b("MDPC01"), b("MDPW01"), [], b("x")]
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...6, using: &rng)
            let frames: [[UInt8]] = (0..<count).map { _ in
                if Bool.random(using: &rng) { return headers.randomElement(using: &rng) ?? [] }
                return (0..<Int.random(in: 0...3, using: &rng)).map { _ in UInt8.random(in: 0...7, using: &rng) }
            }
            _ = BrokerInbound.decode(frames[...])
        }
    }
}
