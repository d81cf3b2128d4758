extension EventDetail {
    /// The detail as `WireJSON.encode` writes it, written without Foundation's encoder (see ``SortedJSONWriter``);
    /// the journal stores one with nearly every event. nil when it needs the encoder: text with control
    /// characters, or a retry delay (a `Double`, whose digits are Foundation's business).
    public var fastWireJSON: [UInt8]? {
        guard retryInSeconds == nil else { return nil }
        var writer = SortedJSONWriter()
        writer.string("ageBand", ageBand?.rawValue)
        writer.int("attempt", attempt)
        writer.int("attempts", attempts)
        writer.strings("candidates", candidates)
        writer.string("channel", channel?.rawValue)
        writer.string("citizen", citizen)
        writer.bool("declined", declined)
        writer.strings("dossiers", dossiers)
        writer.string("failureReason", failureReason?.rawValue)
        writer.string("field", field)
        writer.string("helpType", helpType?.rawValue)
        writer.int("legacyLevel", legacyLevel)
        writer.string("member", member)
        writer.string("mode", mode?.rawValue)
        writer.string("outcome", outcome?.rawValue)
        writer.string("portal", portal)
        writer.bool("priority", priority)
        writer.string("procedure", procedure)
        writer.string("referredTo", referredTo?.rawValue)
        writer.string("remappedFrom", remappedFrom)
        writer.string("residentialGroup", residentialGroup)
        writer.string("state", state?.rawValue)
        writer.string("team", team?.rawValue)
        writer.string("to", to?.rawValue)
        writer.int("update", update)
        writer.string("waitReason", waitReason?.rawValue)
        return writer.finish()
    }
}
