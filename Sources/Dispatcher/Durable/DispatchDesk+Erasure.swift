import XungKich
import XungKichWire

/// Erasure notices to wards: when a citizen's personal data is erased, every ward that was sent one of their
/// requests must erase its copy too. The notices are journaled (``Journal/erasePersonalData(_:now:)``) and
/// sent like deliveries, ahead of help requests, until the ward's worker confirms them.
extension DispatchDesk {
    /// Most request ids in one notice.
    static let idsPerErasureNotice = 100
    /// Seconds before a notice a worker did not confirm is sent again.
    static let erasureRetrySeconds = 60.0

    /// Notices still owed (from the journal at start, or just journaled).
    public mutating func owe(erasures ids: [RequestID], ward: WardCode) {
        var owed = erasures[ward, default: []]
        let held = Set(erasureTags.values.filter { $0.ward == ward }.flatMap(\.ids))
        for id in ids where !owed.contains(id) && !held.contains(id) { owed.append(id) }
        erasures[ward] = owed.isEmpty ? nil : owed
    }

    /// Replaces an open request's body with its erased form, so a redelivery carries no personal data.
    public mutating func replaceBody(of id: RequestID, with body: [UInt8]) {
        jobs[id]?.stored.body = body
    }

    /// Erasure notices for `ward`'s workers, as many as `spare` allows.
    public mutating func erasureDeliveries(ward: WardCode, spare: Int, now: Double) -> [Delivery] {
        guard spare > 0, var owed = erasures[ward], !owed.isEmpty, (erasureRetryAt[ward] ?? 0) <= now else { return [] }
        var out: [Delivery] = []
        while out.count < spare, !owed.isEmpty {
            let ids = Array(owed.prefix(Self.idsPerErasureNotice))
            owed.removeFirst(ids.count)
            let tag = nextTag
            nextTag += 1
            erasureTags[tag] = (ward, ids)
            out.append(Delivery(ward: ward, tag: tag, body: WireJSON.encode(WardErasure(erase: ids))))
        }
        erasures[ward] = owed.isEmpty ? nil : owed
        return out
    }

    /// A worker's FINAL to a notice: the ids it confirms are forgotten (journaled); the rest are owed again later.
    mutating func erasureAnswered(tag: UInt64, body: [UInt8], now: Double) {
        guard let notice = erasureTags.removeValue(forKey: tag) else { return }
        let confirmed = Set((try? WireJSON.decode(WardErasureAnswer.self, from: body))?.erased ?? [])
        let told = notice.ids.filter(confirmed.contains)
        if !told.isEmpty { batch.wardErasuresTold.append((notice.ward, told)) }
        let missing = notice.ids.filter { !confirmed.contains($0) }
        if !missing.isEmpty {
            // An older worker that does not know the notice answers with an error: try again later, not in a loop.
            erasureRetryAt[notice.ward] = now + Self.erasureRetrySeconds
            owe(erasures: missing, ward: notice.ward)
        }
    }

    /// The worker holding a notice is gone: owe it again.
    mutating func erasureLost(tag: UInt64, now: Double) {
        guard let notice = erasureTags.removeValue(forKey: tag) else { return }
        owe(erasures: notice.ids, ward: notice.ward)
    }

    /// Ward erasure notices owed, by ward (for tests and `xk.status`-like views).
    public var owedErasures: [WardCode: [RequestID]] { erasures }
}
