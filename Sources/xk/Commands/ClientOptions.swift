import ArgumentParser
import Foundation
import MajordomoPeers
import XungKichWire

/// How client commands reach the dispatcher.
struct ClientOptions: ParsableArguments {
    @Option(help: "The dispatcher's endpoint (default: $XK_DISPATCHER, the settings file, or tcp://127.0.0.1:5555).")
    var dispatcher = Settings.value(.dispatcher, default: "tcp://127.0.0.1:5555")

    @Option(help: "Seconds to wait for each answer before retrying.")
    var timeout = 5.0

    @Option(help: "Retries after a timeout.")
    var retries = 2

    @OptionGroup var key: KeyOptions

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard retries >= 0 else { throw ValidationError("--retries must be ≥ 0") }
    }

    /// A client of the dispatcher; with keys, as `--identity` or else `defaultIdentity` (intake for help desks'
    /// commands, officer for the district staff's).
    func client(defaultIdentity: String = "intake") throws -> MajordomoClient {
        var options = MajordomoClient.Options()
        options.timeout = .milliseconds(Int64(timeout * 1000))
        options.retries = retries
        options.curve = try key.clientKeys(defaultIdentity: defaultIdentity)
        return try MajordomoClient(endpoint: dispatcher, options: options)
    }

    /// Sends one body to an `xk.*` service and decodes the answer; a refusal throws ``CLIError/refused(_:)``.
    func call<Answer: Decodable>(_ service: String, _ body: [UInt8], as type: Answer.Type,
                                 identity defaultIdentity: String = "intake") async throws -> Answer {
        let client = try client(defaultIdentity: defaultIdentity)
        defer { client.close() }
        let reply = try await client.request(service: service, body: [body])
        return try CLIError.decode(Answer.self, from: reply.first ?? [], answering: service)
    }
}

/// Errors client commands report to the person at the terminal.
enum CLIError: Error, CustomStringConvertible {
    /// The answer was not the shape this release expects.
    case unexpectedReply(service: String, problem: WireError)
    /// The other side refused, with its reasons.
    case refused(WireError)

    var description: String {
        switch self {
        case .unexpectedReply(let service, let problem):
            "the answer from \(service) was not understood (\(problem.message)); is the endpoint an xk dispatcher "
                + "started with --data, of the same release?"
        case .refused(let error):
            error.description
        }
    }

    /// A refusal made here (a file that cannot be read, a bad flag combination).
    static func refused(_ message: String) -> CLIError { .refused(WireError(.invalidRequest, message)) }

    /// Decodes an answer: the other side's error envelope becomes ``refused(_:)``, anything unreadable
    /// ``unexpectedReply(service:problem:)``.
    static func decode<Answer: Decodable>(_ type: Answer.Type, from body: [UInt8], answering service: String) throws -> Answer {
        do {
            return try WireJSON.decodeReply(Answer.self, from: body)
        } catch let error where error.code == .malformed || error.code == .duplicateKey {
            throw CLIError.unexpectedReply(service: service, problem: error)
        } catch {
            throw CLIError.refused(error)
        }
    }
}

/// Prints a message as the `--json` output: sorted keys, indented.
func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return }
    print(String(decoding: data, as: UTF8.self))
}

/// Wall-clock seconds as Hanoi local time, as ward officers read it.
func hanoiTime(_ seconds: Double) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)
    // With its offset, so a time read in a log or a ticket is never taken for UTC.
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
}
