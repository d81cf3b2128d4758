import XungKich

extension HelpRequest {
    /// The request as `WireJSON.encode` writes it, written without Foundation's encoder (see ``SortedJSONWriter``);
    /// nil when its text needs the encoder. The dispatcher stores every accepted request in this form.
    public var fastWireJSON: [UInt8]? {
        var writer = SortedJSONWriter()
        writer.string("channel", channel.rawValue)
        writer.object("citizen", present: citizen != nil) { nested in
            nested.string("ageBand", citizen?.ageBand?.rawValue)
            nested.string("phone", citizen?.phone)
            nested.string("shortName", citizen?.shortName)
        }
        writer.object("consent", present: consent != nil) { nested in
            nested.bool("given", consent?.given)
            nested.string("textVersion", consent?.textVersion)
        }
        writer.string("field", field)
        writer.string("filedOn", filedOn)
        writer.string("helpType", helpType.rawValue)
        writer.string("idempotencyKey", idempotencyKey)
        writer.string("note", note)
        writer.object("priority") { nested in
            nested.string("deadline", priority.deadline)
            nested.bool("disability", priority.disability)
            nested.bool("elderly", priority.elderly)
            nested.bool("noSmartphone", priority.noSmartphone)
        }
        writer.string("procedure", procedure)
        writer.string("residentialGroup", residentialGroup)
        writer.string("ward", ward)
        return writer.finish()
    }
}
