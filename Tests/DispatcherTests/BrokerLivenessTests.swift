@testable import Dispatcher
import Majordomo
import Testing

@Suite("Broker: heartbeats, dead workers and redelivery")
struct BrokerLivenessTests {
    @Test("every worker is heartbeaten each interval, in its own dialect")
    func heartbeats() {
        var h = BrokerHarness()
        _ = h.ready("a", "s", .rfc18)
        _ = h.ready("b", "s", .majortomo)
        #expect(h.advance(.milliseconds(2000)).isEmpty)
        let beats = h.advance(.milliseconds(600))
        #expect(beats.count == 2)
        #expect(beats.allSatisfy { $0.kind == .heartbeat })
        #expect(beats.first { $0.to == "b" }?.frames == [b("b"), [], b("MDPW02"), [0x05]])
    }

    @Test("an idle worker silent for interval × liveness is removed")
    func idleExpiry() {
        var h = BrokerHarness()
        _ = h.ready("w", "s")
        _ = h.advance(.seconds(7))
        #expect(h.broker.workerCount(service: b("s")) == 1)
        _ = h.advance(.seconds(1))
        #expect(h.broker.workerCount(service: b("s")) == 0)
    }

    @Test("any traffic from a worker counts as a heartbeat")
    func trafficIsHeartbeat() {
        var h = BrokerHarness()
        _ = h.ready("w", "s")
        _ = h.advance(.seconds(5))
        _ = h.from("w", WorkerCodec.heartbeat(.rfc18))
        _ = h.advance(.seconds(5))
        #expect(h.broker.workerCount(service: b("s")) == 1)
    }

    @Test("a busy worker that is silent while busy gets the long busy timeout")
    func silentBusyWorker() {
        var h = BrokerHarness { $0.busyWorkerTimeout = .seconds(3600) }
        _ = h.ready("w", "s", .majortomo)
        _ = h.request("c", "s", "long case", .majortomo)
        for _ in 0..<100 { _ = h.advance(.seconds(30)) }
        #expect(h.broker.workerCount(service: b("s")) == 1, "50 silent minutes are fine for a busy majortomo worker")
        _ = h.advance(.seconds(700))
        #expect(h.broker.workerCount(service: b("s")) == 0)
    }

    @Test("a worker that heartbeats while busy and then falls silent loses its request to another worker")
    func heartbeatingBusyWorkerDies() {
        var h = BrokerHarness()
        _ = h.ready("w1", "s")
        _ = h.request("c", "s", "job")
        _ = h.from("w1", WorkerCodec.heartbeat(.rfc18))
        _ = h.ready("w2", "s")
        _ = h.advance(.seconds(4))
        _ = h.from("w2", WorkerCodec.heartbeat(.rfc18))
        let sent = h.advance(.seconds(4))
        #expect(sent.contains { $0.to == "w2" && $0.asRequest() == "job" })
        #expect(h.reply("w2", for: "job", "done").first?.to == "c")
        let late = h.reply("w1", for: "job", "late")
        #expect(late.allSatisfy { $0.to == "w1" && $0.isDisconnect() },
                "the presumed-dead worker's late answer is not relayed; it is told to re-register")
    }

    @Test("a REQUEST that cannot reach its worker goes to another one")
    func unreachableWorker() throws {
        var h = BrokerHarness()
        _ = h.ready("w1", "s")
        let first = try #require(h.request("c", "s", "job").first)
        _ = h.ready("w2", "s")
        let redelivered = h.failSend(first)
        #expect(redelivered.first?.to == "w2")
        #expect(h.broker.workerCount(service: b("s")) == 1)
    }

    @Test("a worker that dies holding several requests has each of them redelivered, oldest first")
    func deadWorkerWithCredit() {
        var h = BrokerHarness()
        _ = h.from("w1", WorkerCodec.ready(.rfc18, service: b("s"), credit: 3))
        for job in ["a", "b", "c"] { _ = h.request("client", "s", job) }
        _ = h.from("w2", WorkerCodec.ready(.rfc18, service: b("s"), credit: 3))
        let redelivered = h.from("w1", WorkerCodec.disconnect(.rfc18))
        #expect(redelivered.map(\.to) == ["w2", "w2", "w2"])
        #expect(redelivered.compactMap { $0.asRequest() } == ["a", "b", "c"])
    }

    @Test("a heartbeat that finds a busy worker's queue full does not kill it")
    func fullQueueOnHeartbeat() throws {
        var h = BrokerHarness()
        _ = h.ready("w", "s")
        _ = h.request("c", "s", "job")
        let beat = try #require(h.advance(.seconds(3)).first)
        #expect(h.failSend(beat, unreachable: false).isEmpty)
        #expect(h.broker.workerCount(service: b("s")) == 1)
    }

    @Test("a worker's DISCONNECT mid-request hands the request to another worker")
    func workerSaysDisconnect() {
        var h = BrokerHarness()
        _ = h.ready("w1", "s")
        _ = h.request("c", "s", "job")
        #expect(h.from("w1", WorkerCodec.disconnect(.rfc18)).isEmpty)
        #expect(h.ready("w2", "s").first?.asRequest() == "job")
    }

    @Test("a request that keeps killing workers is abandoned after maxDeliveries")
    func poisonRequest() throws {
        var h = BrokerHarness { $0.maxDeliveries = 3 }
        _ = h.request("c", "s", "poison")
        for i in 1...3 {
            let delivery = try #require(h.ready("w\(i)", "s").first)
            #expect(delivery.asRequest() == "poison")
            _ = h.failSend(delivery)
        }
        #expect(h.ready("w4", "s").isEmpty)
        #expect(h.notices.contains(.requestAbandoned(service: b("s"), deliveries: 3)))
    }
}
