/// The Majordomo Management Interface (RFC 8): services named `mmi.*` that the broker answers itself.
public enum MMI {
    public static let prefix: [UInt8] = Array("mmi.".utf8)
    public static let service: [UInt8] = Array("mmi.service".utf8)

    public static let found: [UInt8] = Array("200".utf8)
    public static let notFound: [UInt8] = Array("404".utf8)
    public static let notImplemented: [UInt8] = Array("501".utf8)

    /// Whether a service name belongs to the reserved `mmi.` namespace.
    public static func isReserved(_ service: [UInt8]) -> Bool {
        service.count >= prefix.count && service.starts(with: prefix)
    }
}
