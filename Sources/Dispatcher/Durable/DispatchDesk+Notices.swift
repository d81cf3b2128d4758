import XungKich
import XungKichWire

/// Notices to wards (``WardNotice``): a cancelled request must be closed at every ward that was sent it, and a
/// citizen's erasure must reach every ward that holds their case. Notices are journaled with the change that
/// causes them and sent like deliveries, ahead of help requests, until the ward's worker confirms them.
extension DispatchDesk {
    /// What a notice asks of a ward.
    public enum NoticeKind: String, Sendable, Hashable, CaseIterable {
        case cancel
        case erase
        /// The request was requeued: a ward that lost it must forget its stale copy.
        case withdraw
    }

    /// One request a ward must be told about.
    public struct Notice: Sendable, Hashable {
        public var id: RequestID
        public var kind: NoticeKind

        public init(id: RequestID, kind: NoticeKind) {
            self.id = id
            self.kind = kind
        }
    }

    /// Most requests in one notice.
    static let idsPerNotice = 100
    /// Seconds before a notice a worker did not confirm is sent again.
    static let noticeRetrySeconds = 60.0

    /// Notices owed to `ward` (from the journal at start, or just journaled).
    public mutating func owe(_ owed: [Notice], ward: WardCode) {
        var pending = notices[ward, default: []]
        let held = Set(noticeTags.values.filter { $0.ward == ward }.flatMap(\.items))
        for notice in owed where !pending.contains(notice) && !held.contains(notice) { pending.append(notice) }
        notices[ward] = pending.isEmpty ? nil : pending
    }

    /// Replaces an open request's body with its erased form, so a redelivery carries no personal data.
    public mutating func replaceBody(of id: RequestID, with body: [UInt8]) {
        jobs[id]?.stored.body = body
    }

    /// Notices for `ward`'s workers, as many as `spare` allows.
    public mutating func noticeDeliveries(ward: WardCode, spare: Int, now: Double) -> [Delivery] {
        guard spare > 0, var pending = notices[ward], !pending.isEmpty, (noticeRetryAt[ward] ?? 0) <= now else { return [] }
        var out: [Delivery] = []
        while out.count < spare, !pending.isEmpty {
            let items = Array(pending.prefix(Self.idsPerNotice))
            pending.removeFirst(items.count)
            let tag = nextTag
            nextTag += 1
            noticeTags[tag] = (ward, items)
            func ids(_ kind: NoticeKind) -> [RequestID]? {
                let ids = items.filter { $0.kind == kind }.map(\.id)
                return ids.isEmpty ? nil : ids
            }
            out.append(Delivery(ward: ward, tag: tag, body: WireJSON.encode(WardNotice(
                cancel: ids(.cancel), erase: ids(.erase), withdraw: ids(.withdraw)))))
        }
        notices[ward] = pending.isEmpty ? nil : pending
        return out
    }

    /// A worker's FINAL to a notice: what it confirms is forgotten (journaled); the rest is owed again later.
    mutating func noticeAnswered(tag: UInt64, body: [UInt8], now: Double) {
        guard let sent = noticeTags.removeValue(forKey: tag) else { return }
        let answer = try? WireJSON.decode(WardNoticeAnswer.self, from: body)
        let confirmed: [NoticeKind: Set<RequestID>] = [
            .cancel: Set(answer?.cancelled ?? []), .erase: Set(answer?.erased ?? []), .withdraw: Set(answer?.withdrawn ?? []),
        ]
        let done = sent.items.filter { confirmed[$0.kind]?.contains($0.id) == true }
        if !done.isEmpty { batch.wardNoticesTold.append((sent.ward, done)) }
        let missing = sent.items.filter { !done.contains($0) }
        if !missing.isEmpty {
            // An older worker that does not know notices answers with an error: try again later, not in a loop.
            noticeRetryAt[sent.ward] = now + Self.noticeRetrySeconds
            owe(missing, ward: sent.ward)
        }
    }

    /// The worker holding a notice is gone: owe it again.
    mutating func noticeLost(tag: UInt64, now: Double) {
        guard let sent = noticeTags.removeValue(forKey: tag) else { return }
        owe(sent.items, ward: sent.ward)
    }

    /// Notices owed, by ward.
    public var owedNotices: [WardCode: [Notice]] { notices }
}
