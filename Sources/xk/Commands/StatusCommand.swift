import XungKich
import ArgumentParser
import Foundation
import XungKichWire

/// `xk status ID`: a help request's state, outcome and history.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a help request's state, outcome and history.")

    @Argument(help: "The request id printed by `xk enqueue`, e.g. 007-0000042.") var id: RequestID
    @Flag(help: "Print the dispatcher's JSON answer.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let status = try await client.call("xk.status", Array(id.rawValue.utf8), as: StatusAnswer.self)
        if json { return printJSON(status) }
        let outcome = status.outcome.map { "  \(Say.outcome) \($0.rawValue)" } ?? ""
        print("\(status.id)  \(Say.ward) \(status.ward)  \(Say.procedure) \(status.procedure) (\(status.field))  "
              + "\(Say.state) \(status.state.rawValue)\(outcome)  \(Say.attempts) \(status.attempts)"
              + (status.needsAttention ? "  " + Say.needsAttention : ""))
        // The unit it was filed under, with name and period (codes were reused), and where it came from if moved.
        let names = StatsCatalogue.load([]).wardNames
        if let unit = status.unit {
            print("  \(Say.unit) \(unit) \(names[unit.text] ?? "")")
        }
        if let from = status.history.first(where: { $0.kind == .accepted })?.detail?.remappedFrom {
            print("  " + Say.remappedFrom("\(from) \(names[from] ?? "")"))
        }
        for event in status.history {
            let kind = event.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            let state = (event.state?.rawValue ?? "").padding(toLength: 16, withPad: " ", startingAt: 0)
            print("  \(hanoiTime(event.at))  \(kind)\(state)\(event.detail.map(describe) ?? "")")
        }
    }

    /// The detail's fields as `key=value`, keys sorted, as the JSON has them.
    private func describe(_ detail: EventDetail) -> String {
        let fields = (try? JSONDecoder().decode([String: DetailValue].self, from: Data(WireJSON.encode(detail)))) ?? [:]
        return fields.keys.sorted().map { "\($0)=\(fields[$0]?.text ?? "")" }.joined(separator: " ")
    }
}

/// One value of an event's detail, for printing.
private enum DetailValue: Decodable {
    case text(String)
    case list([String])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            self = .list(list)
        } else if let flag = try? container.decode(Bool.self) {
            self = .text(String(flag))
        } else if let number = try? container.decode(Double.self) {
            self = .text(number == number.rounded() ? String(Int(number)) : String(number))
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var text: String {
        switch self {
        case .text(let text): text
        case .list(let list): list.joined(separator: ",")
        }
    }
}
