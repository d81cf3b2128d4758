import Foundation
import MajordomoPeers
import XungKich

/// `xk enqueue --file`: submits every good row of a CSV file, shows progress, and reports bad rows by
/// line. Rows carry idempotency keys (given, or derived from the row), so running the same file again
/// accepts nothing twice.
struct EnqueueFile {
    let path: String
    let client: ClientOptions
    let json: Bool
    /// Requests in flight at once: the dispatcher commits what arrives together in one fsync.
    let concurrency = 8

    struct Outcome: Sendable {
        var line: Int
        var id: String?
        var duplicate = false
        var problems: [String] = []
    }

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError.refused(problems: [("", "cannot read \(path): \(error.localizedDescription)")])
        }
        let parsed = HelpRequestCSV.parse(text: text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let work = try parsed.rows.map { row in (row.line, [UInt8](try encoder.encode(row.request))) }
        let progress = ProgressBar(total: work.count, enabled: !json)
        let clients = try (0..<concurrency).map { _ in try client.client() }
        defer { clients.forEach { $0.close() } }
        var results: [Outcome] = []
        try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for (index, client) in clients.enumerated() {
                let share = stride(from: index, to: work.count, by: concurrency).map { work[$0] }
                group.addTask {
                    var done: [Outcome] = []
                    for (line, body) in share {
                        done.append(try await Self.submit(line: line, body: body, with: client))
                        progress.advance()
                    }
                    return done
                }
            }
            for try await part in group { results += part }
        }
        progress.finish()
        report(results.sorted { $0.line < $1.line }, fileProblems: parsed.problems)
    }

    private static func submit(line: Int, body: [UInt8], with client: MajordomoClient) async throws -> Outcome {
        let reply = try await client.request(service: "xk.submit", body: [body])
        switch reply.first.flatMap(SubmitReply.init(json:)) {
        case .accepted(let id, let duplicate):
            return Outcome(line: line, id: id, duplicate: duplicate)
        case .rejected(let error):
            return Outcome(line: line, problems: error.problems.map { problem in
                let column = HelpRequestCSV.column(forField: problem.field).map { "\($0): " } ?? ""
                return column + problem.message
            })
        case nil:
            return Outcome(line: line, problems: ["the dispatcher's answer was not understood"])
        }
    }

    private func report(_ results: [Outcome], fileProblems: [HelpRequestCSV.Problem]) {
        let accepted = results.filter { $0.id != nil }
        let new = accepted.filter { !$0.duplicate }.count
        let refused = results.filter { $0.id == nil }
        if json {
            printJSON([
                "accepted": accepted.map { ["line": $0.line, "id": $0.id ?? "", "duplicate": $0.duplicate] as [String: Any] },
                "problems": fileProblems.map { ["line": $0.line, "message": $0.message] as [String: Any] }
                    + refused.map { ["line": $0.line, "message": $0.problems.joined(separator: "; ")] as [String: Any] },
            ])
            return
        }
        print("\(path): \(accepted.count) accepted (\(new) new, \(accepted.count - new) already submitted), "
              + "\(fileProblems.count + refused.count) refused")
        let lines = fileProblems.map { ($0.line, $0.message) } + refused.flatMap { r in r.problems.map { (r.line, $0) } }
        for (line, message) in lines.sorted(by: { $0.0 < $1.0 }) { print("  line \(line): \(message)") }
    }
}
