import Foundation
import Logging
import Majordomo
import Storage
import XungKich
import XungKichWire

/// The durable half's shell, on the loop thread: feeds the desk this turn's `xk.*` requests and
/// worker replies, hands waiting requests to workers with room, commits the turn's journal batch
/// (one transaction, one fsync) and only then answers — so no id is ever handed out that is not on disk.
///
/// A commit that fails (a full disk, an I/O error) does not stop the dispatcher: the turn's answers become
/// retryable errors, the desk is rebuilt from the journal (which rolled the batch back), new work is refused
/// while the store is failing, status and events are still answered, and a commit is tried again every
/// ``retryInterval`` until one succeeds.
final class DurableDispatch {
    static let submit = Array("xk.submit".utf8)
    static let status = Array("xk.status".utf8)
    static let admin = Array("xk.admin".utf8)
    static let events = Array("xk.events".utf8)
    static let lookup = Array("xk.case".utf8)
    static let services: Set<[UInt8]> = [submit, status, admin, events, lookup]
    /// Largest body each service takes, checked before anything is parsed: validating a help request costs time
    /// in proportion to its size on the loop's thread, and a help request is a few hundred bytes (its note at
    /// most 500 characters), so a 4 MB one must not cost seconds of everyone's time (workers miss heartbeats).
    static let serviceLimits: [[UInt8]: Int] = [
        submit: 16 << 10, status: 256, admin: 4 << 10, events: 4 << 10, lookup: 4 << 10,
    ]
    /// Most events one `xk.events` answer carries; a follower asks again from the last one.
    static let maxEventsPerAnswer = 5000
    /// Seconds between write attempts while the store is failing.
    static let retryInterval = 1.0

    var desk: DispatchDesk
    let journal: Journal
    let logger: Logger
    let settings: DurableOptions
    /// Who the keys say each identity is (nil without keys), for the per-case rules of `xk.case`.
    var access: AccessPolicy?
    /// Where reveals and erasures are recorded (the data folder's `audit.log`).
    let audit: AuditLog
    /// When the retention sweep runs next (wall clock).
    var nextSweep = 0.0
    /// The Prometheus metrics, with `--metrics`.
    var metrics: DispatcherMetrics?
    /// Largest `xk.*` body taken; a larger one is answered `too-large` without being parsed.
    private let maxBodySize: Int
    private var deferred: [(client: [UInt8], dialect: Dialect, service: [UInt8], reply: DeskReply)] = []
    /// Set while the journal cannot be written: why, and when to try again.
    private var failing: (error: WireError, retryAt: Double)?

    init(journal: Journal, durable: DurableOptions, maxBodySize: Int, logger: Logger) throws {
        self.journal = journal
        self.logger = logger
        self.settings = durable
        self.maxBodySize = maxBodySize
        audit = AuditLog(directory: durable.dataDirectory)
        if let unitOf = durable.unitOf {
            let filled = try journal.backfillUnits(unitOf)
            if filled > 0 { logger.notice("units filled in for requests of an earlier release", metadata: ["requests": "\(filled)"]) }
        }
        desk = try Self.loadDesk(journal: journal, durable: durable, carrying: nil)
        let lastEvent = try journal.counters().eventSeq
        if journal.openedExclusively {
            logger.warning("""
                the disk is full: journal opened exclusively (other processes cannot read it until the dispatcher \
                restarts); new work is refused until space is freed
                """, metadata: ["path": "\(journal.path)"])
        }
        logger.info("journal loaded", metadata: [
            "path": "\(journal.path)", "open": "\(desk.openCount)", "lastEvent": "\(lastEvent)",
        ])
    }

    /// The desk as the journal has it; after a failed commit, `carrying` the old desk's delivery tags (the
    /// broker still holds some, and they must not be given out again) and its routing clocks.
    private static func loadDesk(journal: Journal, durable: DurableOptions, carrying old: DispatchDesk?) throws -> DispatchDesk {
        var desk = DispatchDesk(districtCode: durable.districtCode, configuration: durable.desk,
                                counters: try journal.counters(), unresolved: try journal.unresolved(),
                                lastUpdates: try journal.lastUpdates(), switched: try journal.switchedRequests(),
                                validate: durable.validate)
        desk.successorOf = durable.successorOf
        if let old {
            desk.nextTag = old.nextTag
            desk.routing = old.routing
        }
        for (ward, notices) in try journal.pendingWardNotices() { desk.owe(notices, ward: ward) }
        return desk
    }

    /// Hands this turn's `xk.*` requests, worker replies and lost deliveries to the desk.
    func absorb(_ outbox: inout Outbox, now: Double, access: AccessPolicy? = nil) {
        self.access = access
        sweepIfDue(now: now)
        let refusing = failing.flatMap { $0.retryAt > now ? $0.error : nil }
        for request in outbox.internalRequests {
            let body = request.body.first ?? []
            let reply: DeskReply
            let size = request.body.reduce(0, { $0 + $1.count })
            let limit = min(maxBodySize, Self.serviceLimits[request.service] ?? maxBodySize)
            if size > limit {
                let service = String(decoding: request.service, as: UTF8.self)
                logger.warning("oversized request refused", metadata: ["service": "\(service)", "bytes": "\(size)"])
                reply = .body(WireError(.tooLarge, limit < maxBodySize
                    ? "the message has \(size) bytes; \(service) takes at most \(limit) (a help request is a few hundred "
                        + "bytes, its note at most 500 characters)"
                    : "the message has \(size) bytes; this dispatcher takes at most \(maxBodySize) (see --max-message-size)").json)
            } else {
                switch request.service {
                case Self.status:
                    reply = .status(id: RequestID(String(decoding: body, as: UTF8.self)))
                case Self.lookup:
                    do {
                        reply = .lookup(try WireJSON.decode(CaseLookup.self, from: body), who: request.userID)
                    } catch {
                        reply = .body(error.json)
                    }
                case Self.events:
                    do {
                        let query = try WireJSON.decode(EventsQuery.self, from: body)
                        reply = .events(after: query.after,
                                        limit: min(max(query.limit ?? Self.maxEventsPerAnswer, 1), Self.maxEventsPerAnswer))
                    } catch {
                        reply = .body(error.json)
                    }
                case _ where refusing != nil:
                    // Reads go on; nothing that must be journaled is taken until the store works again.
                    reply = .body(refusing?.json ?? [])
                case Self.submit:
                    let journal = self.journal
                    reply = desk.submit(body, now: now) { key in try journal.id(forIdempotencyKey: key) }
                default:
                    reply = desk.admin(body, now: now, who: request.userID)
                }
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
        // A delivery is journaled: none while the journal cannot be written.
        if let failing, failing.retryAt > now { return }
        for ward in desk.wardsWithWork {
            let service = WardService.name(ward)
            send(desk.noticeDeliveries(ward: ward, spare: broker.spareCredit(service: service), now: now),
                 broker: &broker, outbox: &outbox, instant: instant)
            desk.observeWorkers(ward: ward, count: broker.workerCount(service: service), now: now)
            send(desk.deliveries(ward: ward, spare: broker.spareCredit(service: service), now: now),
                 broker: &broker, outbox: &outbox, instant: instant)
            guard desk.waitingCount(ward: ward) > 0, desk.shouldOverflow(ward: ward, now: now) else { continue }
            for neighbour in desk.neighbours(of: ward) {
                let spare = broker.spareCredit(service: WardService.name(neighbour))
                send(desk.deliveries(ward: ward, spare: spare, now: now, via: neighbour),
                     broker: &broker, outbox: &outbox, instant: instant)
            }
        }
    }

    private func send(_ deliveries: [DispatchDesk.Delivery], broker: inout Broker, outbox: inout Outbox,
                      instant: ContinuousClock.Instant) {
        for delivery in deliveries {
            broker.deliverInternal(service: WardService.name(delivery.ward), body: [delivery.body],
                                   tag: delivery.tag, now: instant, into: &outbox)
        }
    }

    /// Commits the turn's writes, then queues the deferred answers; returns the events committed, for
    /// publishing. When the commit fails, the answers that depended on it become retryable errors, nothing
    /// of the turn's deliveries is sent, and the desk is rebuilt from the journal. Throws only when even the
    /// journal cannot be read, which stops the dispatcher.
    func commitAndAnswer(broker: inout Broker, outbox: inout Outbox, now: Double) throws -> [JournalEvent] {
        var batch = desk.takeBatch()
        defer { deferred.removeAll(keepingCapacity: true) }
        do {
            try addCancelNotices(to: &batch)
            if let metrics, !batch.isEmpty {
                let started = ContinuousClock.now
                try journal.commit(batch)
                let took = (ContinuousClock.now - started).components
                metrics.recordCommit(nanoseconds: took.seconds * 1_000_000_000 + took.attoseconds / 1_000_000_000)
            } else {
                try journal.commit(batch)
            }
            for (ward, notice) in batch.wardNotices { desk.owe([notice], ward: ward) }
            if let failing {
                logger.notice("journal writable again; taking new work", metadata: ["was": "\(failing.error.code)"])
                self.failing = nil
            }
        } catch {
            let refusal = JournalError.isDiskFull(error, path: journal.path)
                ? WireError(.diskFull, "the dispatcher's disk is full, so nothing was stored; the district's IT "
                    + "officer must free space on it. Send the request again later: it resumes by itself.")
                : WireError(.storeUnavailable, "the dispatcher could not write its journal (\(error)), so nothing "
                    + "was stored. Send the request again later.")
            if failing == nil || failing?.error.code != refusal.code {
                logger.critical("journal write failed; refusing new work until it works again", metadata: [
                    "error": "\(error)", "journal": "\(journal.path)",
                ])
            }
            failing = (refusal, now + Self.retryInterval)
            // Deliveries of this turn were not journaled: the broker must not send them.
            outbox.messages.removeAll()
            desk = try Self.loadDesk(journal: journal, durable: settings, carrying: desk)
            for item in deferred {
                let body: [UInt8]
                switch item.reply {
                case .body: body = refusal.json
                default: body = render(item.reply)
                }
                broker.reply(to: item.client, item.dialect, service: item.service, final: true, body: [body], into: &outbox)
            }
            return []
        }
        for item in deferred {
            broker.reply(to: item.client, item.dialect, service: item.service, final: true, body: [render(item.reply)],
                         into: &outbox)
        }
        metrics?.record(committed: batch.events)
        return batch.events
    }

    /// A request cancelled this turn must be closed at every ward that was sent it (even one whose worker died
    /// holding it: its store still has the case): a notice each, journaled in the same batch.
    /// One delivered to another ward than before (after a lost worker or a requeue) must be forgotten by the
    /// wards that had it: a notice to withdraw their stale copy, so two teams do not work on one request.
    private func addCancelNotices(to batch: inout JournalBatch) throws {
        for id in batch.cancelled {
            for ward in try wardsSent(id, batch: batch) { batch.wardNotices.append((ward, .init(id: id, kind: .cancel))) }
        }
        for (id, target) in batch.redelivered {
            for ward in try journal.wardsSent(id) where ward != target {
                batch.wardNotices.append((ward, .init(id: id, kind: .withdraw)))
            }
        }
    }

    /// Every ward a request was sent to, this turn's deliveries included.
    private func wardsSent(_ id: RequestID, batch: JournalBatch) throws -> [WardCode] {
        var wards = Set(try journal.wardsSent(id))
        for event in batch.events where event.requestID == id && (event.kind == .delivered || event.kind == .overflow) {
            wards.insert(event.detail?.to ?? event.ward)
        }
        return wards.sorted()
    }

    /// The answer body; a journal that cannot be read gives the client a retryable error, not silence.
    func render(_ reply: DeskReply) -> [UInt8] {
        do {
            switch reply {
            case .body(let bytes):
                return bytes
            case .status(let id):
                guard let request = try journal.request(id: id) else {
                    return WireError(.notFound, "no request with id \(id); ids look like 007-0000042",
                                     problems: [.init(field: "id", message: "unknown")]).json
                }
                let history = try journal.events(requestID: id).map(\.wire)
                return WireJSON.encode(StatusAnswer(
                    id: request.id, ward: request.ward, procedure: request.procedure, field: request.field,
                    state: request.state, outcome: request.outcome, attempts: request.attempts,
                    needsAttention: request.needsAttention, priority: request.isPriority,
                    createdAt: request.createdAt, history: history, unit: request.unit))
            case .attention:
                return WireJSON.encode(AttentionList(requests: try journal.needingAttention().map {
                    AttentionList.Item(id: $0.id, ward: $0.ward, state: $0.state.rawValue, attempts: $0.attempts,
                                       createdAt: $0.createdAt, unit: $0.unit)
                }))
            case .events(let after, let limit):
                let events = try journal.events(after: after, limit: limit)
                return WireJSON.encode(EventsPage(events: events.map(\.wireForFollower), last: try journal.counters().eventSeq))
            case .lookup(let query, let who):
                return try lookup(query, who: who)
            case .eraseCitizen(let phone, let who):
                return try eraseCitizen(phone: phone, who: who)
            case .purge(let days, let who):
                return try purge(days: days ?? settings.retentionDays, who: who ?? "unauthenticated", action: "purge")
            }
        } catch {
            logger.error("journal read failed", metadata: ["error": "\(error)"])
            return WireError(.storeUnavailable, "the dispatcher could not read its journal: \(error)").json
        }
    }
}
