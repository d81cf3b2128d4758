@testable import Dispatcher
import Foundation
import Testing
import XungKich
import XungKichWire

/// A validator for desk tests: the body is `ward|priority|key` (pure logic, no JSON needed here).
private let validator: SubmitValidator = { body in
    let parts = String(decoding: body, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, parts[0].count == 5 else {
        return .failure(WireError(invalid: [HelpRequestProblem(field: "ward", message: "bad ward")]))
    }
    return .success(AcceptedRequest(ward: WardCode(parts[0]), procedure: "1.001193", field: "G15-TP07", isPriority: parts[1] == "p",
                                    idempotencyKey: parts[2].isEmpty ? nil : parts[2], body: Array("{\"n\":1}".utf8)))
}

private func desk(_ configure: (inout DeskConfiguration) -> Void = { _ in }, unresolved: [StoredRequest] = []) -> DispatchDesk {
    var configuration = DeskConfiguration()
    configure(&configuration)
    return DispatchDesk(districtCode: "007", configuration: configuration, counters: (0, 0), unresolved: unresolved,
                        validate: validator)
}

private func id(_ reply: DeskReply) -> RequestID? {
    guard case .body(let bytes) = reply else { return nil }
    return try? WireJSON.decodeReply(SubmitAnswer.self, from: bytes).id
}

/// The refusal a reply carries, or nil when it is not a refusal.
private func refusal(_ reply: DeskReply) -> WireError? {
    guard case .body(let bytes) = reply else { return nil }
    do {
        _ = try WireJSON.decodeReply(SubmitAnswer.self, from: bytes)
        return nil
    } catch {
        return error
    }
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
        #expect(batch.events.map(\.kind) == [.accepted])
        #expect(batch.events.first?.seq == 1)
        let error = try #require(refusal(d.submit(Array("bad".utf8), now: 1000, existingID: { _ in nil })))
        #expect(error.code == .invalidRequest)
        #expect(error.problems.map(\.field) == ["ward"])
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
        #expect(kinds == [.accepted, .delivered, .redelivery, .delivered, .attention])
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
        #expect(batch.events.map(\.kind) == [.accepted, .delivered, .progress, .resolved])
        #expect(batch.updates["007-0000001"]?.outcome == .guidedOnly)
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
                                   isPriority: false, idempotencyKey: nil, body: Array("{}".utf8), state: .assigned,
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
        d.observeWorkers(ward: "00286", count: 0, now: 0)
        #expect(!d.shouldOverflow(ward: "00286", now: 10))
        #expect(d.shouldOverflow(ward: "00286", now: 310), "no worker for 5 minutes")
        var served = d
        served.observeWorkers(ward: "00286", count: 1, now: 320)
        #expect(!served.shouldOverflow(ward: "00286", now: 1799))
        #expect(served.shouldOverflow(ward: "00286", now: 1800), "oldest waiting 30 minutes")
        #expect(d.neighbours(of: "00286") == ["00277", "00289"])
        let sent = try #require(d.deliveries(ward: "00286", spare: 1, now: 310, via: "00277").first)
        #expect(sent.ward == "00277")
        let event = try #require(d.takeBatch().events.last)
        #expect(event.kind == .overflow)
        #expect(event.ward == "00286")
        #expect(event.detail?.to == "00277")
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
        #expect(batch.events.map(\.kind) == [.accepted, .delivered, .progress, .declined])
        #expect(d.deliveries(ward: "00286", spare: 1, now: 10).isEmpty, "no ping-pong: the ward said nobody can take it")
        #expect(d.deliveries(ward: "00286", spare: 1, now: 63).count == 1)
        #expect(batch.updates["007-0000001"]?.attempts == 0)
        #expect(batch.updates["007-0000001"]?.state == .triaged)
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
        let progress = d.takeBatch().events.filter { $0.kind == .progress }.map(\.state)
        #expect(progress == [.assigned, .accepted, .inProgress])
    }

    /// The delivery's id and attempt (its request is the test validator's `{"n":1}`, not a help request).
    private struct DeliveryHead: Decodable {
        var id: RequestID
        var attempt: Int
    }

    private func requestID(_ delivery: DispatchDesk.Delivery) -> RequestID? {
        try? WireJSON.decode(DeliveryHead.self, from: delivery.body).id
    }
}

/// The reply's bytes, for replies that are bodies.
private func bytes(_ reply: DeskReply) -> [UInt8]? {
    guard case .body(let bytes) = reply else { return nil }
    return bytes
}

/// The repository's district config for Hai Bà Trưng, found from this file.
private func haiBaTrung() throws -> DistrictConfig {
    try DistrictConfig.load(path: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/hai-ba-trung.yaml").path)
}

private struct LookupFailed: Error, CustomStringConvertible {
    var description: String { "database is locked" }
}

@Suite("Durable dispatch: what the desk refuses, and what older peers send")
struct DispatchDeskRefusalTests {
    @Test("when the idempotency lookup fails, submit answers a retryable store-unavailable and stores nothing")
    func lookupFailure() throws {
        var d = desk()
        let reply = d.submit(Array("00286||k1".utf8), now: 1) { _ in throw LookupFailed() }
        let error = try #require(refusal(reply))
        #expect(error.code == .storeUnavailable)
        #expect(error.retryable)
        #expect(error.message.contains("database is locked"))
        #expect(d.takeBatch().isEmpty, "no request and no event")
        #expect(d.openCount == 0)
        #expect(d.waitingCount(ward: "00286") == 0)
        // The number was not used up: the next accepted request still gets the first id.
        #expect(id(d.submit(Array("00286||k1".utf8), now: 2, existingID: { _ in nil })) == "007-0000001")
        #expect(d.takeBatch().events.map(\.seq) == [1])
    }

    @Test("a key given twice in one object is refused as duplicate-key, naming the key, and nothing is stored")
    func duplicateKey() throws {
        let config = try haiBaTrung()
        var d = DispatchDesk(districtCode: "007", counters: (0, 0), unresolved: [],
                             validate: HelpRequestIntake.validator(for: config))
        let head = #"{"ward":"00286","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","citizen":{"shortName":"Bà Lan","phone":"0912345678"},"#
        let consent = #""consent":{"given":true,"textVersion":"XK-HBT-2024-01"}"#
        let refused = Array((head + consent + "," + #""consent":{"given":false,"textVersion":"XK-HBT-2024-01"}"# + "}").utf8)
        let error = try #require(refusal(d.submit(refused, now: 1, existingID: { _ in nil })))
        #expect(error.code == .duplicateKey)
        #expect(error.problems.map(\.field) == ["consent"])
        #expect(error.message.contains("\"consent\""))
        #expect(!error.retryable)
        #expect(d.takeBatch().isEmpty)
        // The same body with the key once is taken: it is the repetition that is refused.
        #expect(id(d.submit(Array((head + consent + "}").utf8), now: 2, existingID: { _ in nil })) == "007-0000001")
    }

    @Test("admin with an unknown command answers invalid-request listing the commands there are")
    func unknownAdminCommand() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        _ = d.takeBatch()
        let body = try #require(bytes(d.admin(Array(#"{"command":"reboot","id":"007-0000001"}"#.utf8), now: 1)))
        let error = try WireJSON.decode(ErrorEnvelope.self, from: body).error
        #expect(error.code == .invalidRequest)
        for command in ["requeue", "cancel", "attention"] {
            #expect(error.message.contains(command), "\(error.message) should list \(command)")
        }
        #expect(error.problems.map(\.field) == ["command"])
        #expect(d.takeBatch().isEmpty)
        #expect(d.waitingCount(ward: "00286") == 1, "the request was not touched")
    }

    @Test("admin requeue without an id, or for an unknown id, is refused with the reason")
    func adminRefusals() throws {
        var d = desk()
        let missing = try #require(bytes(d.admin(Array(#"{"command":"requeue"}"#.utf8), now: 1)))
        let noID = try WireJSON.decode(ErrorEnvelope.self, from: missing).error
        #expect(noID.code == .invalidRequest)
        #expect(noID.problems.map(\.field) == ["id"])
        let unknown = try #require(bytes(d.admin(Array(#"{"command":"cancel","id":"007-0000099"}"#.utf8), now: 1)))
        #expect(try WireJSON.decode(ErrorEnvelope.self, from: unknown).error.code == .notFound)
        #expect(d.takeBatch().isEmpty)
    }

    @Test("requeue and cancel answer with the request and its state")
    func adminAnswers() throws {
        var d = desk { $0.maxAttempts = 1 }
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.lost(tag: delivery.tag, now: 1)
        let requeued = try #require(bytes(d.admin(Array(#"{"command":"requeue","id":"007-0000001"}"#.utf8), now: 2)))
        #expect(try WireJSON.decodeReply(AdminAnswer.self, from: requeued) == AdminAnswer(id: "007-0000001", state: "TRIAGED"))
        let cancelled = try #require(bytes(d.admin(Array(#"{"command":"cancel","id":"007-0000001"}"#.utf8), now: 3)))
        #expect(try WireJSON.decodeReply(AdminAnswer.self, from: cancelled) == AdminAnswer(id: "007-0000001", state: "CANCELLED"))
        let batch = d.takeBatch()
        #expect(batch.events.suffix(2).map(\.kind) == [.requeued, .cancelled])
        #expect(batch.updates["007-0000001"]?.outcome == .cancelled)
    }

    @Test("a worker FINAL that is not a WorkerReport makes the request wait for an operator (invalid-final)")
    func finalNotAReport() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.reply(tag: delivery.tag, final: true, body: Array(#"{"error":"x"}"#.utf8), now: 1)
        let batch = d.takeBatch()
        #expect(batch.events.map(\.kind) == [.accepted, .delivered, .invalidFinal])
        #expect(batch.updates["007-0000001"]?.needsAttention == true)
        #expect(batch.updates["007-0000001"]?.outcome == nil)
        #expect(d.openCount == 1, "not lost")
        #expect(d.waitingCount(ward: "00286") == 0, "not delivered again until an operator requeues it")
        // The delivery is settled: a late FINAL for it changes nothing.
        d.reply(tag: delivery.tag, final: true, body: Array(#"{"outcome":"GUIDED_ONLY"}"#.utf8), now: 2)
        #expect(d.takeBatch().isEmpty)
    }

    @Test("a PARTIAL that is not a WorkerReport is journaled as invalid-update and the delivery goes on")
    func partialNotAReport() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        d.reply(tag: delivery.tag, final: false, body: Array(#"{"state":"SLEEPING"}"#.utf8), now: 1)
        d.reply(tag: delivery.tag, final: true, body: Array(#"{"outcome":"VNEID_ONLY"}"#.utf8), now: 2)
        let batch = d.takeBatch()
        #expect(batch.events.map(\.kind) == [.accepted, .delivered, .invalidUpdate, .resolved])
        #expect(batch.updates["007-0000001"]?.outcome == .vneidOnly)
        #expect(batch.updates["007-0000001"]?.needsAttention == false)
    }

    @Test("the previous release's worker reports (no update numbers) still move and resolve the request")
    func oldShapedReports() throws {
        var d = desk()
        _ = d.submit(Array("00286||".utf8), now: 0, existingID: { _ in nil })
        let delivery = try #require(d.deliveries(ward: "00286", spare: 1, now: 0).first)
        // As the previous ward worker wrote them: keys sorted, no "update".
        d.reply(tag: delivery.tag, final: false, body: Array(#"{"state":"ACCEPTED","team":"00286-T01"}"#.utf8), now: 1)
        d.reply(tag: delivery.tag, final: false, body: Array(#"{"state":"IN_PROGRESS","team":"00286-T01"}"#.utf8), now: 2)
        d.reply(tag: delivery.tag, final: true, body: Array(#"""
            {"dossiers":["000.00.07.H26-230519-0001"],"legacyLevel":4,"mode":"toan-trinh",\#
            "outcome":"SUBMITTED_FULL_ONLINE","portal":"dichvucong.gov.vn","team":"00286-T01"}
            """#.utf8), now: 3)
        let batch = d.takeBatch()
        #expect(batch.events.map(\.kind) == [.accepted, .delivered, .progress, .progress, .resolved])
        #expect(batch.events.filter { $0.kind == .progress }.map(\.state) == [.accepted, .inProgress])
        #expect(batch.updates["007-0000001"]?.state == .resolved)
        #expect(batch.updates["007-0000001"]?.outcome == .submittedFullOnline)
        let resolved = try #require(batch.events.last?.detail)
        #expect(resolved.outcome == .submittedFullOnline)
        #expect(resolved.mode == .fullProcess)
        #expect(resolved.legacyLevel == 4)
        #expect(resolved.dossiers == ["000.00.07.H26-230519-0001"])
        #expect(resolved.portal == "dichvucong.gov.vn")
        #expect(resolved.team == "00286-T01")
        #expect(resolved.update == nil)
        #expect(d.openCount == 0)
    }

    @Test("an accepted event carries the request's facts, typed")
    func acceptedFacts() throws {
        let config = try haiBaTrung()
        var d = DispatchDesk(districtCode: "007", counters: (0, 0), unresolved: [],
                             validate: HelpRequestIntake.validator(for: config))
        let body = #"{"ward":"00286","residentialGroup":"TDP 5","procedure":"1.001193","helpType":"submit_dossier","channel":"walk_in","citizen":{"ageBand":"70_79"}}"#
        #expect(id(d.submit(Array(body.utf8), now: 1, existingID: { _ in nil })) == "007-0000001")
        let detail = try #require(d.takeBatch().events.first?.detail)
        #expect(detail.procedure == "1.001193")
        #expect(detail.field == "G15-TP07")
        #expect(detail.priority == true)
        #expect(detail.helpType == .submitDossier)
        #expect(detail.channel == .walkIn)
        #expect(detail.ageBand == .from70To79)
        #expect(detail.residentialGroup == "TDP 5")
    }
}
