import ArgumentParser
import Foundation
import MajordomoPeers

/// How client commands reach the dispatcher.
struct ClientOptions: ParsableArguments {
    @Option(help: "The dispatcher's endpoint.")
    var dispatcher = "tcp://127.0.0.1:5555"

    @Option(help: "Seconds to wait for each answer before retrying.")
    var timeout = 5.0

    @Option(help: "Retries after a timeout.")
    var retries = 2

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard retries >= 0 else { throw ValidationError("--retries must be ≥ 0") }
    }

    func client() throws -> MajordomoClient {
        var options = MajordomoClient.Options()
        options.timeout = .milliseconds(Int64(timeout * 1000))
        options.retries = retries
        return try MajordomoClient(endpoint: dispatcher, options: options)
    }

    /// Sends one JSON body to an `xk.*` service and returns the JSON object answered.
    func call(_ service: String, _ body: [UInt8]) async throws -> [String: Any] {
        let client = try client()
        defer { client.close() }
        let reply = try await client.request(service: service, body: [body])
        guard let first = reply.first,
              let object = try? JSONSerialization.jsonObject(with: Data(first)) as? [String: Any]
        else {
            throw CLIError.unexpectedReply(service: service)
        }
        if let error = object["error"] as? [String: Any] {
            throw CLIError.refused(problems: (error["problems"] as? [[String: Any]] ?? []).map {
                (($0["field"] as? String) ?? "", ($0["message"] as? String) ?? "")
            })
        }
        return object
    }
}

/// Errors client commands report to the person at the terminal.
enum CLIError: Error, CustomStringConvertible {
    case unexpectedReply(service: String)
    case refused(problems: [(field: String, message: String)])

    var description: String {
        switch self {
        case .unexpectedReply(let service):
            "the dispatcher's answer from \(service) was not JSON; is the endpoint an xk dispatcher started with --data?"
        case .refused(let problems):
            problems.map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" }.joined(separator: "\n")
        }
    }
}

/// Prints a JSON object as the `--json` output.
func printJSON(_ object: Any) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return }
    print(String(decoding: data, as: UTF8.self))
}

/// Wall-clock seconds as Hanoi local time, as ward officers read it.
func hanoiTime(_ seconds: Double) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
}
