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
        let seq = try o.double("seq")
        self.init(
            seq: try required(seq.flatMap { Int64(exactly: $0) }, "seq", "a whole number"),
            at: try required(try o.double("at"), "at", "a number"),
            kind: EventKind(try required(try o.string("kind"), "kind", "a string")),
            state: try o.string("state").flatMap(RequestState.init(rawValue:)),
            detail: try o.nested(EventDetail.self, "detail"),
            requestId: try o.string("requestId").map(RequestID.init),
            ward: try o.string("ward").map(WardCode.init))
    }
}

extension EventDetail: JSONObjectReadable {
    init(jsonObject: Any, path: String) throws(WireError) {
        let o = try JSONObjectReader(jsonObject, path: path)
        var unknown: [String: String] = [:]
        self.init()
        procedure = try o.string("procedure")
        field = try o.string("field")
        priority = try o.bool("priority")
        helpType = try o.vocabulary(HelpType.self, "helpType", unknown: &unknown)
        channel = try o.vocabulary(Channel.self, "channel", unknown: &unknown)
        ageBand = try o.vocabulary(AgeBand.self, "ageBand", unknown: &unknown)
        residentialGroup = try o.string("residentialGroup")
        citizen = try o.string("citizen")
        attempt = try o.int("attempt")
        to = try o.string("to").map(WardCode.init)
        attempts = try o.int("attempts")
        retryInSeconds = try o.double("retryInSeconds")
        state = try o.vocabulary(RequestState.self, "state", unknown: &unknown)
        outcome = try o.vocabulary(Outcome.self, "outcome", unknown: &unknown)
        declined = try o.bool("declined")
        update = try o.int("update")
        team = try o.string("team").map(TeamID.init)
        waitReason = try o.vocabulary(WaitReason.self, "waitReason", unknown: &unknown)
        failureReason = try o.vocabulary(FailureReason.self, "failureReason", unknown: &unknown)
        mode = try o.vocabulary(SubmissionMode.self, "mode", unknown: &unknown)
        legacyLevel = try o.int("legacyLevel")
        dossiers = try o.strings("dossiers")
        portal = try o.string("portal")
        referredTo = try o.vocabulary(ReferralTarget.self, "referredTo", unknown: &unknown)
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
        guard let last = try o.double("last").flatMap({ Int64(exactly: $0) }) else {
            throw WireError(.malformed, "last: is missing", problems: [HelpRequestProblem(field: "last", message: "is missing")])
        }
        self.init(events: events, last: last)
    }
}
