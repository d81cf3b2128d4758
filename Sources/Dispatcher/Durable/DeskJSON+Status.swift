extension DeskJSON {
    /// `xk.status`: state, outcome and history, without the citizen's personal data.
    static func status(_ request: StoredRequest, history: [JournalEvent]) -> [UInt8] {
        var object: [String: Any] = [
            "id": request.id, "ward": request.ward, "procedure": request.procedure, "field": request.field,
            "state": request.state, "attempts": request.attempts, "needsAttention": request.needsAttention,
            "priority": request.isPriority, "createdAt": request.createdAt,
            "history": history.map { event($0) },
        ]
        if let outcome = request.outcome { object["outcome"] = outcome }
        return DeskJSON.object(object)
    }

    static func attention(_ requests: [StoredRequest]) -> [UInt8] {
        DeskJSON.object(["requests": requests.map {
            ["id": $0.id, "ward": $0.ward, "state": $0.state, "attempts": $0.attempts, "createdAt": $0.createdAt] as [String: Any]
        }])
    }

    static func event(_ event: JournalEvent) -> [String: Any] {
        var object: [String: Any] = ["seq": event.seq, "at": event.at, "kind": event.kind]
        if let state = event.state { object["state"] = state }
        if let detail = event.detail, let parsed = parseObject(Array(detail.utf8)) { object["detail"] = parsed }
        return object
    }

    /// An event as followers (the coordinator) get it: with its request id and ward, still without
    /// any personal data.
    static func event(forFollower event: JournalEvent) -> [String: Any] {
        var object = self.event(event)
        object["requestId"] = event.requestID
        object["ward"] = event.ward
        return object
    }
}
