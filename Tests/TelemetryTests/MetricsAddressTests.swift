import Telemetry
import Testing

@Suite("--metrics HOST:PORT")
struct MetricsAddressTests {
    @Test("loopback addresses are taken as they are written", arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("localhost:0", "localhost", 0), ("[::1]:9464", "::1", 9464),
    ])
    func loopback(text: String, host: String, port: Int) throws {
        let address = try MetricsAddress(parsing: text, allowRemote: false)
        #expect(address.host == host && address.port == port)
    }

    @Test("an address beyond loopback is refused, saying how to allow it, unless allowed")
    func remote() throws {
        #expect(throws: MetricsAddressError.notLoopback("0.0.0.0:9464")) {
            try MetricsAddress(parsing: "0.0.0.0:9464", allowRemote: false)
        }
        #expect(MetricsAddressError.notLoopback("0.0.0.0:9464").description.contains("--metrics-allow-remote"))
        #expect(try MetricsAddress(parsing: "10.0.0.5:9464", allowRemote: true).host == "10.0.0.5")
    }

    @Test("text that is not HOST:PORT is refused", arguments: ["9464", "127.0.0.1", "127.0.0.1:99999", ":9464", "a:b"])
    func malformed(text: String) {
        #expect(throws: MetricsAddressError.malformed(text)) { try MetricsAddress(parsing: text, allowRemote: false) }
    }
}
