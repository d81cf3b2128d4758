import ArgumentParser
import Foundation
import XungKich
import XungKichWire

/// `xk citizen erase --phone N`: a citizen's erasure request (Law 91/2025/QH15), carried out by an officer.
struct CitizenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citizen", abstract: "Act on a citizen's personal data at their request.",
        subcommands: [Erase.self])

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a citizen's name, phone and notes from the dispatcher and every ward that holds one of their cases (officer).",
            discussion: """
                The requests stay (state, outcome, dates) and so do the statistics, which know the citizen only by \
                a keyed pseudonym. Wards are told over their workers' connection, at once or as soon as their worker \
                is back. The erasure is written to the dispatcher's and each ward's audit log.
                """)
        @Option(help: "The citizen's phone, e.g. 0912 345 678.") var phone: String
        @Flag(help: "Print the dispatcher's JSON answer.") var json = false
        @OptionGroup var client: ClientOptions

        func validate() throws {
            guard PhoneNumber.normalised(phone) != nil else {
                throw ValidationError("--phone: \(PhoneMask.mask(phone)) is not a Vietnamese phone number (10 or 11 digits starting with 0)")
            }
        }

        func run() async throws {
            var command = AdminCommand(.eraseCitizen)
            command.phone = phone
            let answer = try await client.call("xk.admin", WireJSON.encode(command), as: CitizenErasureAnswer.self,
                                               identity: "officer")
            if json { return printJSON(answer) }
            if answer.requests.isEmpty {
                return print(Say.nothingToErase(PhoneMask.mask(phone)))
            }
            for item in answer.requests {
                let wards = item.wardsTold.isEmpty ? Say.noWardHeldIt : Say.wardsTold + ": " + item.wardsTold.map(\.rawValue).joined(separator: ", ")
                print("\(item.id): " + (item.hadPersonalData ? Say.erasedShort : Say.nothingPersonal) + "; \(wards)")
            }
            print(Say.citizenErased(answer.requests.count, PhoneMask.mask(phone)))
        }
    }
}
