import XungKich
import MajordomoPeers
import XungKichWire

/// One `xk.status` call, for commands that only need a case's ward.
enum DispatcherLookup {
    static func ward(of id: RequestID, dispatcher: String, timeout: Double = 3) async throws -> WardCode {
        var options = MajordomoClient.Options()
        options.timeout = .milliseconds(Int64(timeout * 1000))
        options.retries = 0
        let client = try MajordomoClient(endpoint: dispatcher, options: options)
        defer { client.close() }
        let reply = try await client.request(service: "xk.status", body: [Array(id.rawValue.utf8)])
        return try CLIError.decode(StatusAnswer.self, from: reply.first ?? [], answering: "xk.status").ward
    }
}
