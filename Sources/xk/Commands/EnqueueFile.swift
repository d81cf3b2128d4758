import ArgumentParser
import Foundation
import MajordomoPeers
import Synchronization
import XungKich
import XungKichWire

/// `xk enqueue --file`: submits every good row of a CSV file and reports bad rows by line. Rows carry
/// idempotency keys (given, or derived from the row), so running the same file again accepts nothing twice.
///
/// Made to be scripted: each accepted row's id is printed as soon as the dispatcher gives it (`line N: ID`),
/// so an import that is interrupted has already said which rows got in; the exit status is non-zero when
/// any row was refused or not sent.
struct EnqueueFile {
    let path: String
    let client: ClientOptions
    let json: Bool
    /// Requests in flight at once: the dispatcher commits what arrives together in one fsync.
    let concurrency = 8

    struct Outcome: Sendable, Encodable {
        var line: Int
        var id: RequestID?
        var duplicate = false
        /// Why the row was refused, or why it was not sent.
        var problems: [String] = []
    }

    /// The `--json` output.
    struct Report: Encodable {
        var accepted: [Outcome]
        var refused: [Outcome]
        var notSent: [Int]
        var error: String?
    }

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError.refused(Say.cannotRead(path, error.localizedDescription))
        }
        let parsed = HelpRequestCSV.parse(text: text)
        let work = try parsed.rows.map { row in (row.line, try WireJSON.encodeOrThrow(row.request)) }
        // With --json nothing is printed until the end, so a bar on a terminal shows the import moving;
        // otherwise each accepted row's line does.
        let progress = ProgressBar(total: work.count, enabled: json)
        let clients = try (0..<concurrency).map { _ in try client.client() }
        defer { clients.forEach { $0.close() } }
        let stop = FirstError()
        var results: [Outcome] = []
        await withTaskGroup(of: [Outcome].self) { group in
            for (index, client) in clients.enumerated() {
                let share = stride(from: index, to: work.count, by: concurrency).map { work[$0] }
                group.addTask { [json] in
                    var done: [Outcome] = []
                    for (line, body) in share {
                        // Once the dispatcher stopped answering, the other rows are not sent (each would
                        // wait out the timeout): they are reported as not sent.
                        if stop.value != nil { break }
                        do {
                            let outcome = try await Self.submit(line: line, body: body, with: client)
                            if !json, let id = outcome.id { Self.say(Say.fileLine(line, id.rawValue + (outcome.duplicate ? " " + Say.alreadySubmittedShort : ""))) }
                            progress.advance()
                            done.append(outcome)
                        } catch {
                            stop.record(error)
                            break
                        }
                    }
                    return done
                }
            }
            for await part in group { results += part }
        }
        progress.finish()
        let stopped = stop.value
        let answered = Set(results.map(\.line))
        let notSent = work.map(\.0).filter { !answered.contains($0) }.sorted()
        let failed = report(results.sorted { $0.line < $1.line }, fileProblems: parsed.problems, notSent: notSent,
                            error: stopped)
        if failed { throw ExitCode.failure }
    }

    private static func submit(line: Int, body: [UInt8], with client: MajordomoClient) async throws -> Outcome {
        let reply = try await client.request(service: "xk.submit", body: [body])
        do {
            let answer = try CLIError.decode(SubmitAnswer.self, from: reply.first ?? [], answering: "xk.submit")
            return Outcome(line: line, id: answer.id, duplicate: answer.duplicate)
        } catch CLIError.refused(let error) where !error.retryable {
            let problems = error.problems.isEmpty ? [error.message] : error.problems.map { problem in
                (HelpRequestCSV.column(forField: problem.field).map { "\($0): " } ?? "") + problem.message
            }
            return Outcome(line: line, problems: problems)
        }
    }

    /// Prints the summary (or the JSON report); true when anything was refused or not sent.
    private func report(_ results: [Outcome], fileProblems: [HelpRequestCSV.Problem], notSent: [Int],
                        error: (any Error)?) -> Bool {
        let accepted = results.filter { $0.id != nil }
        let refused = fileProblems.map { Outcome(line: $0.line, problems: [$0.message]) } + results.filter { $0.id == nil }
        let refusedRows = Set(refused.map(\.line)).count
        if json {
            printJSON(Report(accepted: accepted, refused: refused.sorted { $0.line < $1.line }, notSent: notSent,
                             error: error.map { "\($0)" }))
        } else {
            let new = accepted.filter { !$0.duplicate }.count
            print(Say.importSummary(path, accepted: accepted.count, new: new, refusedRows: refusedRows, notSent: notSent.count))
            let lines = refused.flatMap { r in r.problems.map { (r.line, $0) } }
            for (line, message) in lines.sorted(by: { $0.0 < $1.0 }) { print("  " + Say.fileLine(line, message)) }
            if let error {
                print("  " + Say.importStopped("\(Say.error(error))", notSent: notSent.map(String.init).joined(separator: ", ")))
            }
        }
        return refusedRows > 0 || !notSent.isEmpty
    }

    private static func say(_ line: String) {
        print(line)
        fflush(nil)  // every stream: `stdout` itself is shared mutable state to Swift 6
    }
}

/// The first error any of the import's tasks met; once set, the others stop sending.
private final class FirstError: Sendable {
    private let state = Mutex<(any Error)?>(nil)

    var value: (any Error)? { state.withLock { $0 } }

    func record(_ error: any Error) { state.withLock { if $0 == nil { $0 = error } } }
}
