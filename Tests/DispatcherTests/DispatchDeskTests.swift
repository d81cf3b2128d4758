@testable import Dispatcher
import Foundation
import Testing

/// A validator for desk tests: the body is `ward|priority|key` (pure logic, no JSON needed here).
private let validator: SubmitValidator = { body in
    let parts = String(decoding: body, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, parts[0].count == 5 else {
        return .failure(SubmitRejection(problems: [("ward", "bad ward")]))
    }
    return .success(AcceptedRequest(ward: parts[0], procedure: "1.001193", field: "G15-TP07", isPriority: parts[1] == "p",
                                    idempotencyKey: parts[2].isEmpty ? nil : parts[2], body: Array("{\"n\":1}".utf8)))
}

private func desk(_ configure: (inout DeskConfiguration) -> Void = { _ in }, unresolved: [StoredRequest] = []) -> DispatchDesk {
    var configuration = DeskConfiguration()
    configure(&configuration)
    return DispatchDesk(districtCode: "007", configuration: configuration, counters: (0, 0), unresolved: unresolved,
                        validate: validator)
}

private func id(_ reply: DeskReply) -> String? {
    guard case .body(let bytes) = reply,
          let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
    return object["id"] as? String
}

@Suite("Durable dispatch: the desk's rules")
struct DispatchDeskTests {
    @Test("a valid submission gets an id and is journaled with an event; an invalid one names the field")
    func submit() throws {
        var d = desk()
        let reply = d.submit(Array("00286||".utf8), now: 1000, existingID: { _ in nil })
        #expect(id(reply) == "007-0000001")
        let batch = d.takeBatch()
        #expect(batch.inserts.map(\.id) == ["007-0000001"])
        #expect(batch.events.map(\.kind) == ["accepted"])
        #expect(batch.events.first?.seq == 1)
        guard case .body(let error) = d.submit(Array("bad".utf8), now: 1000, existingID: { _ in nil }) else {
            Issue.record("no reply"); return
        }
        #expect(String(decoding: error, as: UTF8.self).contains("\"field\":\"ward\""))
        #expect(d.takeBatch().isEmpty)
    }

    @Test("the same idempotency key returns the same id and creates nothing, within a batch and across")
    func idempotency() {
        var d = desk()
        let first = id(d.submit(Array("00286||k1".utf8), now: 1, existingID: { _ in nil }))
        let again = id(d.submit(Array("00286||k1".utf8), now: 2, existingID: { _ in nil }))
        #expect(first == again)
        #expect(d.takeBatch().inserts.count == 1)
        let later = id(d.submit(Array("00286||k1".utf8), now: 3, existingID: { $0 == "k1" ? first : nil }))
        #expect(later == first)
        #expect(d.takeBatch().isEmpty)
    }

    @Test("priority requests go first, and an old ordinary request ages into priority")
    func priorityWithAgeing() {
        var d = desk { $0.agingThreshold = 600 }
        let old = id(d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil }))
        let ordinary = id(d.submit(Array("00286||".utf8), now: 500, existingID: { _ in nil }))
        let elderly = id(d.submit(Array("00286|p|".utf8), now: 550, existingID: { _ in nil }))
        // At t=560 nothing is old yet: the elderly request goes first, then arrival order.
        var early = d
        #expect(early.deliveries(ward: "00286", spare: 3, now: 560).compactMap { self.requestID($0) } == [elderly, old, ordinary])
        // At t=700 the first request has waited 700 s: it counts as priority and, being older, goes first.
        #expect(d.deliveries(ward: "00286", spare: 3, now: 700).compactMap { self.requestID($0) } == [old, elderly, ordinary])
    }

    @Test("a lost delivery is redelivered after a backoff, and after maxAttempts goes to needs-attention")
    func lostAndAttention() throws {
        var d = desk { $0.maxAttempts = 2; $0.redeliveryBase = 10 }
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let first = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.lost(tag: first.tag, now: 1)
        #expect(d.deliveries(ward: "00286", spare: 1, now: 5).isEmpty, "backing off")
        let second = try #require(d.deliveries(ward: "00286", spare: 1, now: 12).first)
        #expect(second.tag != first.tag)
        d.lost(tag: second.tag, now: 13)
        #expect(d.deliveries(ward: "00286", spare: 1, now: 1000).isEmpty)
        let kinds = d.takeBatch().events.map(\.kind)
        #expect(kinds == ["accepted", "delivered", "redelivery", "delivered", "attention"])
    }

    @Test("a FINAL resolves once; a reply for a delivery already settled is ignored")
    func resolveOnce() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.reply(tag: delivery.tag, final: false, body: Array("{\"state\":\"ACCEPTED\",\"team\":\"00286-T01\"}".utf8), now: 1)
        d.reply(tag: delivery.tag, final: true, body: Array("{\"outcome\":\"GUIDED_ONLY\"}".utf8), now: 2)
        d.reply(tag: delivery.tag, final: true, body: Array("{\"outcome\":\"FAILED\"}".utf8), now: 3)
        d.lost(tag: delivery.tag, now: 4)
        let batch = d.takeBatch()
        #expect(batch.events.map(\.kind) == ["accepted", "delivered", "progress", "resolved"])
        #expect(batch.updates["007-0000001"]?.outcome == "GUIDED_ONLY")
        #expect(d.openCount == 0)
    }

    @Test("a garbled FINAL does not lose the request: it goes to needs-attention")
    func garbledFinal() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.reply(tag: delivery.tag, final: true, body: Array("not json".utf8), now: 1)
        #expect(d.takeBatch().updates["007-0000001"]?.needsAttention == true)
        #expect(d.openCount == 1)
    }

    @Test("after a restart every unresolved request waits again, counters continue")
    func restart() {
        let stored = StoredRequest(id: "007-0000041", number: 41, ward: "00241", procedure: "1.001193", field: "G15-TP07",
                                   isPriority: false, idempotencyKey: nil, body: Array("{}".utf8), state: "ASSIGNED",
                                   attempts: 1, needsAttention: false, outcome: nil, createdAt: 0)
        var d = DispatchDesk(districtCode: "007", counters: (41, 90), unresolved: [stored], validate: validator)
        #expect(d.waitingCount(ward: "00241") == 1)
        #expect(id(d.submit(Array("00241||".utf8), now: 1, existingID: { _ in nil })) == "007-0000042")
        #expect(d.takeBatch().events.first?.seq == 91)
    }

    @Test("requeue and cancel from an operator")
    func admin() throws {
        var d = desk { $0.maxAttempts = 1 }
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.lost(tag: delivery.tag, now: 1)
        #expect(d.waitingCount(ward: "00286") == 0)
        _ = d.admin(Array("{\"command\":\"requeue\",\"id\":\"007-0000001\"}".utf8), now: 2)
        #expect(d.waitingCount(ward: "00286") == 1)
        _ = d.admin(Array("{\"command\":\"cancel\",\"id\":\"007-0000001\"}".utf8), now: 3)
        #expect(d.waitingCount(ward: "00286") == 0)
        #expect(d.openCount == 0)
        #expect(d.admin(Array("{\"command\":\"attention\"}".utf8), now: 4) == .attention)
    }

    @Test("a ward without workers, or with requests waiting too long, overflows to its neighbours, recorded")
    func neighbourOverflow() throws {
        var d = desk {
            $0.overflowAfterNoWorker = 300
            $0.overflowAge = 1800
            $0.neighbours = ["00286": ["00277", "00289"]]
        }
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        #expect(!d.shouldOverflow(ward: "00286", now: 10, withoutWorkerFor: 10))
        #expect(d.shouldOverflow(ward: "00286", now: 310, withoutWorkerFor: 310))
        #expect(d.shouldOverflow(ward: "00286", now: 1800, withoutWorkerFor: nil), "oldest waiting 30 minutes")
        #expect(d.neighbours(of: "00286") == ["00277", "00289"])
        let sent = try #require(d.deliveries(ward: "00286", spare: 1, now: 310, via: "00277").first)
        #expect(sent.ward == "00277")
        let event = try #require(d.takeBatch().events.last)
        #expect(event.kind == "overflow")
        #expect(event.ward == "00286")
        #expect(event.detail?.contains("\"to\":\"00277\"") == true)
    }

    @Test("a ward that gives a request back (every team declined) has it dispatched again, attempts unchanged")
    func declinedByWard() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let first = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.reply(tag: first.tag, final: false, body: Array("{\"state\":\"ASSIGNED\",\"team\":\"00286-T01\"}".utf8), now: 1)
        d.reply(tag: first.tag, final: true, body: Array("{\"declined\":true}".utf8), now: 2)
        #expect(d.waitingCount(ward: "00286") == 1)
        let batch = d.takeBatch()
        #expect(batch.events.map(\.kind) == ["accepted", "delivered", "progress", "declined"])
        #expect(d.deliveries(ward: "00286", spare: 1, now: 10).isEmpty, "no ping-pong: the ward said nobody can take it")
        #expect(d.deliveries(ward: "00286", spare: 1, now: 63).count == 1)
        #expect(batch.updates["007-0000001"]?.attempts == 0)
        #expect(batch.updates["007-0000001"]?.state == "TRIAGED")
    }

    @Test("numbered worker updates replayed after a restart are journaled once, in order")
    func replayedUpdatesOnce() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let first = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.reply(tag: first.tag, final: false, body: Array("{\"state\":\"ASSIGNED\",\"update\":1}".utf8), now: 1)
        d.lost(tag: first.tag, now: 2)
        let second = try #require(d.deliveries(ward: "00286", spare: 1, now: 10).first)
        for (n, state) in [(1, "ASSIGNED"), (2, "ACCEPTED"), (3, "IN_PROGRESS")] {
            d.reply(tag: second.tag, final: false, body: Array("{\"state\":\"\(state)\",\"update\":\(n)}".utf8), now: 11)
        }
        let progress = d.takeBatch().events.filter { $0.kind == "progress" }.map { $0.state ?? "" }
        #expect(progress == ["ASSIGNED", "ACCEPTED", "IN_PROGRESS"])
    }

    private func requestID(_ delivery: DispatchDesk.Delivery) -> String? {
        let text = String(decoding: delivery.body, as: UTF8.self)
        guard let range = text.range(of: "\"id\":\"") else { return nil }
        return String(text[range.upperBound...].prefix(11))
    }
}
