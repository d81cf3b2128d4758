import Foundation
import Logging
import Majordomo

/// The durable half's shell, on the loop thread: feeds the desk this turn's `xk.*` requests and
/// worker replies, hands waiting requests to workers with room, commits the turn's journal batch
/// (one transaction, one fsync) and only then answers — so no id is ever handed out that is not on disk.
final class DurableDispatch {
    static let submit = Array("xk.submit".utf8)
    static let status = Array("xk.status".utf8)
    static let admin = Array("xk.admin".utf8)
    static let events = Array("xk.events".utf8)
    static let services: Set<[UInt8]> = [submit, status, admin, events]
    /// Most events one `xk.events` answer carries; a follower asks again from the last one.
    static let maxEventsPerAnswer = 5000

    private(set) var desk: DispatchDesk
    let journal: Journal
    let logger: Logger
    /// When each ward with waiting work was first seen without a worker.
    private var noWorkerSince: [String: Double] = [:]
    private var deferred: [(client: [UInt8], dialect: Dialect, service: [UInt8], reply: DeskReply)] = []

    init(journal: Journal, durable: DurableOptions, logger: Logger) throws {
        self.journal = journal
        self.logger = logger
        let counters = try journal.counters()
        let unresolved = try journal.unresolved()
        desk = DispatchDesk(districtCode: durable.districtCode, configuration: durable.desk, counters: counters,
                            unresolved: unresolved, lastUpdates: try journal.lastUpdates(), validate: durable.validate)
        logger.info("journal loaded", metadata: [
            "path": "\(journal.path)", "open": "\(unresolved.count)", "lastEvent": "\(counters.eventSeq)",
        ])
    }

    /// Hands this turn's `xk.*` requests, worker replies and lost deliveries to the desk.
    func absorb(_ outbox: inout Outbox, now: Double) {
        for request in outbox.internalRequests {
            let body = request.body.first ?? []
            let reply: DeskReply
            switch request.service {
            case Self.submit:
                let journal = self.journal
                reply = desk.submit(body, now: now) { key in (try? journal.id(forIdempotencyKey: key)) ?? nil }
            case Self.status:
                reply = .status(id: String(decoding: body, as: UTF8.self))
            case Self.events:
                let query = DeskJSON.parseObject(body)
                let after = (query?["after"] as? NSNumber)?.int64Value ?? 0
                let limit = (query?["limit"] as? NSNumber)?.intValue ?? Self.maxEventsPerAnswer
                reply = .events(after: after, limit: min(max(limit, 1), Self.maxEventsPerAnswer))
            default:
                reply = desk.admin(body, now: now)
            }
            deferred.append((request.client, request.dialect, request.service, reply))
        }
        for reply in outbox.internalReplies {
            desk.reply(tag: reply.tag, final: reply.final, body: reply.body.first ?? [], now: now)
        }
        for tag in outbox.internalLost { desk.lost(tag: tag, now: now) }
        outbox.internalRequests.removeAll(keepingCapacity: true)
        outbox.internalReplies.removeAll(keepingCapacity: true)
        outbox.internalLost.removeAll(keepingCapacity: true)
    }

    /// Gives each ward's workers as many waiting requests as they have room for; a ward without
    /// workers for too long, or with requests waiting too long, overflows to neighbours with room.
    func deliver(broker: inout Broker, outbox: inout Outbox, now: Double, instant: ContinuousClock.Instant) {
        for ward in desk.wardsWithWork {
            let service = Array("ward.\(ward)".utf8)
            if broker.workerCount(service: service) > 0 {
                noWorkerSince.removeValue(forKey: ward)
            } else if noWorkerSince[ward] == nil {
                noWorkerSince[ward] = now
            }
            send(desk.deliveries(ward: ward, spare: broker.spareCredit(service: service), now: now),
                 broker: &broker, outbox: &outbox, instant: instant)
            guard desk.waitingCount(ward: ward) > 0,
                  desk.shouldOverflow(ward: ward, now: now, withoutWorkerFor: noWorkerSince[ward].map { now - $0 })
            else { continue }
            for neighbour in desk.neighbours(of: ward) {
                let spare = broker.spareCredit(service: Array("ward.\(neighbour)".utf8))
                send(desk.deliveries(ward: ward, spare: spare, now: now, via: neighbour),
                     broker: &broker, outbox: &outbox, instant: instant)
            }
        }
    }

    private func send(_ deliveries: [DispatchDesk.Delivery], broker: inout Broker, outbox: inout Outbox,
                      instant: ContinuousClock.Instant) {
        for delivery in deliveries {
            broker.deliverInternal(service: Array("ward.\(delivery.ward)".utf8), body: [delivery.body],
                                   tag: delivery.tag, now: instant, into: &outbox)
        }
    }

    /// Commits the turn's writes, then queues the deferred answers; returns the events committed,
    /// for publishing. Throws if the journal cannot be written: the caller must then send nothing
    /// of this turn and stop.
    func commitAndAnswer(broker: inout Broker, outbox: inout Outbox) throws -> [JournalEvent] {
        let batch = desk.takeBatch()
        try journal.commit(batch)
        defer { deferred.removeAll(keepingCapacity: true) }
        for item in deferred {
            let body = try render(item.reply)
            broker.reply(to: item.client, item.dialect, service: item.service, final: true, body: [body], into: &outbox)
        }
        return batch.events
    }

    private func render(_ reply: DeskReply) throws -> [UInt8] {
        switch reply {
        case .body(let bytes):
            return bytes
        case .status(let id):
            guard let request = try journal.request(id: id) else {
                return DeskJSON.object(["error": ["problems": [["field": "id", "message": "no request with id \(id)"]]]])
            }
            return DeskJSON.status(request, history: try journal.events(requestID: id))
        case .attention:
            return DeskJSON.attention(try journal.needingAttention())
        case .events(let after, let limit):
            let events = try journal.events(after: after, limit: limit)
            let last = try journal.counters().eventSeq
            return DeskJSON.object(["events": events.map(DeskJSON.event(forFollower:)), "last": last])
        }
    }
}
