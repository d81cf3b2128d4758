import XungKich

extension WireEvent: JSONObjectReadable {
    init(jsonObject: Any, path: String) throws(WireError) {
        let o = try JSONObjectReader(jsonObject, path: path)
        func required<T>(_ value: T?, _ key: String, _ expected: String) throws(WireError) -> T {
            guard let value else {
                let field = path.isEmpty ? key : "\(path).\(key)"
                throw WireError(.malformed, "\(field): is missing", problems: [HelpRequestProblem(field: field, message: "is missing")])
            }
            return value
        }
        self.init(
            seq: try required(try o.int64("seq"), "seq", "a whole number"),
            at: try required(try o.double("at"), "at", "a number"),
            kind: EventKind(try required(try o.string("kind"), "kind", "a string")),
            state: try o.string("state").flatMap(RequestState.init(rawValue:)),
            detail: try o.nested(EventDetail.self, "detail"),
            requestId: try o.string("requestId").map(RequestID.init),
            ward: try o.string("ward").map(WardCode.init),
            unit: try o.string("unit").flatMap(UnitKey.init(text:)))
    }
}

extension EventDetail: JSONObjectReadable {
    init(jsonObject: Any, path: String) throws(WireError) {
        let o = try JSONObjectReader(jsonObject, path: path)
        var unknown: [String: String] = [:]
        self.init()
        // The keys present, not every key there could be: a detail carries a few of its two dozen fields.
        for (key, value) in o.object {
            switch key {
            case "procedure": procedure = try o.string(value, key)
            case "field": field = try o.string(value, key)
            case "priority": priority = try o.bool(value, key)
            case "helpType": helpType = try o.vocabulary(HelpType.self, value, key, unknown: &unknown)
            case "channel": channel = try o.vocabulary(Channel.self, value, key, unknown: &unknown)
            case "ageBand": ageBand = try o.vocabulary(AgeBand.self, value, key, unknown: &unknown)
            case "residentialGroup": residentialGroup = try o.string(value, key)
            case "citizen": citizen = try o.string(value, key)
            case "attempt": attempt = try o.int(value, key)
            case "to": to = try o.string(value, key).map(WardCode.init)
            case "attempts": attempts = try o.int(value, key)
            case "retryInSeconds": retryInSeconds = try o.double(value, key)
            case "state": state = try o.vocabulary(RequestState.self, value, key, unknown: &unknown)
            case "outcome": outcome = try o.vocabulary(Outcome.self, value, key, unknown: &unknown)
            case "declined": declined = try o.bool(value, key)
            case "update": update = try o.int(value, key)
            case "team": team = try o.string(value, key).map(TeamID.init)
            case "waitReason": waitReason = try o.vocabulary(WaitReason.self, value, key, unknown: &unknown)
            case "failureReason": failureReason = try o.vocabulary(FailureReason.self, value, key, unknown: &unknown)
            case "mode": mode = try o.vocabulary(SubmissionMode.self, value, key, unknown: &unknown)
            case "legacyLevel": legacyLevel = try o.int(value, key)
            case "dossiers": dossiers = try o.strings(value, key)
            case "portal": portal = try o.string(value, key)
            case "referredTo": referredTo = try o.vocabulary(ReferralTarget.self, value, key, unknown: &unknown)
            case "member": member = try o.string(value, key)
            case "remappedFrom": remappedFrom = try o.string(value, key)
            case "candidates": candidates = try o.strings(value, key)
            default: continue  // a newer release's field: ignored, as everywhere
            }
        }
        unrecognized = unknown
    }
}

extension EventsPage: JSONObjectReadable {
    init(jsonObject: Any, path: String) throws(WireError) {
        let o = try JSONObjectReader(jsonObject, path: path)
        guard let list = o.object["events"] as? [Any] else {
            throw WireError(.malformed, "events: is missing or not a list",
                            problems: [HelpRequestProblem(field: "events", message: "is missing or not a list")])
        }
        var events: [WireEvent] = []
        events.reserveCapacity(list.count)
        for (index, item) in list.enumerated() { events.append(try WireEvent(jsonObject: item, path: "events[\(index)]")) }
        guard let last = try o.int64("last") else {
            throw WireError(.malformed, "last: is missing", problems: [HelpRequestProblem(field: "last", message: "is missing")])
        }
        self.init(events: events, last: last)
    }
}
