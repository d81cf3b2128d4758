import ArgumentParser
import Coordinator
import Foundation
import MajordomoPeers
import XungKich

/// `xk stats verify`: recounts from the dispatchers' journals and compares with the coordinator.
struct StatsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recount from the dispatchers' journals (xk.events) and report any difference from the coordinator's figures.")

    @Option(help: "The coordinator's endpoint.") var coordinator = "tcp://127.0.0.1:5570"
    @Option(help: "District configuration file (repeat, in --dispatcher order).") var config: [String]
    @Option(help: "Dispatcher endpoints, comma-separated, in --config order.") var dispatcher: String

    func validate() throws {
        guard config.count == dispatcher.split(separator: ",").count else {
            throw ValidationError("give one --dispatcher endpoint per --config file")
        }
    }

    func run() async throws {
        let recount = try await StatsEngine(store: SQLiteFactStore())
        for (index, path) in config.enumerated() {
            let district = try DistrictConfig.load(path: path).district.code
            let endpoint = String(dispatcher.split(separator: ",")[index])
            let events = try await Self.allEvents(endpoint: endpoint, district: district)
            try await recount.apply(events)
            print("\(district): \(events.count) events recounted from \(endpoint)")
        }
        var differences: [String] = []
        for dimension in [StatsDimension.ward, .outcome] {
            let mine = Dictionary(await recount.stats(StatsRequest(groupBy: dimension)).map { ($0.key ?? "(none)", $0) }, uniquingKeysWith: { a, _ in a })
            let theirs = try coordinatorRows(dimension)
            for key in Set(mine.keys).union(theirs.keys).sorted() {
                for field in ["received", "resolved", "open", "onlineSubmissions", "fullProcess", "failed"] {
                    let want = mine[key].map { Self.value($0, field) } ?? 0
                    let got = (theirs[key]?[field] as? NSNumber)?.intValue ?? 0
                    if want != got {
                        differences.append("\(dimension.rawValue) \(key) \(field): journals \(want), coordinator \(got)")
                    }
                }
            }
        }
        if differences.isEmpty {
            print("no difference: the coordinator's totals by ward and by outcome equal the journals' recount")
        } else {
            differences.forEach { print($0) }
            throw ExitCode(1)
        }
    }

    private func coordinatorRows(_ dimension: StatsDimension) throws -> [String: [String: Any]] {
        let query = try JSONSerialization.data(withJSONObject: ["by": dimension.rawValue])
        let answer = try RequestClient.call(coordinator, [UInt8](query))
        guard let object = (try? JSONSerialization.jsonObject(with: Data(answer))) as? [String: Any],
              let rows = object["rows"] as? [[String: Any]]
        else { throw CLIError.unexpectedReply(service: "the coordinator") }
        return Dictionary(rows.map { (($0["key"] as? String) ?? "(none)", $0) }, uniquingKeysWith: { a, _ in a })
    }

    private static func value(_ row: StatsRow, _ field: String) -> Int {
        switch field {
        case "received": row.received
        case "resolved": row.resolved
        case "open": row.open
        case "onlineSubmissions": row.onlineSubmissions
        case "fullProcess": row.fullProcess
        default: row.failed
        }
    }

    /// Every event of a dispatcher's journal, page by page.
    static func allEvents(endpoint: String, district: String) async throws -> [CoordinatorEvent] {
        let client = try MajordomoClient(endpoint: endpoint)
        defer { client.close() }
        var events: [CoordinatorEvent] = []
        var after: Int64 = 0
        while true {
            let body = try JSONSerialization.data(withJSONObject: ["after": after])
            let reply = try await client.request(service: "xk.events", body: [[UInt8](body)])
            guard let object = reply.first.flatMap({ try? JSONSerialization.jsonObject(with: Data($0)) }) as? [String: Any]
            else { throw CLIError.unexpectedReply(service: "xk.events") }
            let page = (object["events"] as? [[String: Any]] ?? []).compactMap { CoordinatorEvent(json: $0, district: district) }
            events += page
            let last = (object["last"] as? NSNumber)?.int64Value ?? after
            guard let newest = page.last?.seq, newest < last else { return events }
            after = newest
        }
    }
}
