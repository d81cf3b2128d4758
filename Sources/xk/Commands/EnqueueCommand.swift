import ArgumentParser
import Foundation
import XungKich
import XungKichWire

/// `xk enqueue`: file one help request from flags, or many from a CSV file.
struct EnqueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Submit a citizen's help request to the dispatcher (one from flags, or many with --file).",
        discussion: """
            The dispatcher answers only once the request is on disk, with its id. Resubmitting with the same \
            --idempotency-key (or the same CSV file) returns the same id and creates nothing. Never enter \
            passwords or OTP codes anywhere.
            """)

    @Option(help: "Ward GSO code, e.g. 00286 for Bạch Mai.") var ward: String?
    @Option(help: "Residential group (tổ dân phố), e.g. \"TDP 5\".") var residentialGroup: String?
    @Option(help: "National procedure code, e.g. 1.001193 (Đăng ký khai sinh).") var procedure: String?
    @Option(help: "Field code; derived from the procedure when left out.") var field: String?
    @Option(help: "submit_dossier, vneid_setup, vneid_recovery, information, payment or track_dossier.")
    var helpType = HelpType.submitDossier
    @Option(help: "hotline, walk_in, zalo, door_to_door or referral.") var channel = Channel.walkIn
    @Flag(help: "The citizen is 60 or older.") var elderly = false
    @Flag(help: "The citizen has a disability.") var disability = false
    @Flag(help: "The citizen has no smartphone.") var noSmartphone = false
    @Option(help: "Deadline for the procedure, YYYY-MM-DD.") var deadline: String?
    @Option(help: "Citizen's short name (needs --consent).") var name: String?
    @Option(help: "Citizen's phone (needs --consent); shown masked everywhere.") var phone: String?
    @Option(help: "under_18, 18_39, 40_59, 60_69, 70_79 or 80_plus.") var ageBand: AgeBand?
    @Flag(help: "The citizen agreed that name and phone are kept to help them.") var consent = false
    @Option(help: "Version of the consent text read to the citizen.") var consentVersion = "v1"
    @Option(help: "Note for the team (no passwords, no OTP codes).") var note: String?
    @Option(help: "Key that makes resubmission safe: the same key returns the same id.") var idempotencyKey: String?
    @Option(help: "CSV file of requests (header row; see docs/help-request.md).") var file: String?
    @Option(help: "Day the citizen asked, YYYY-MM-DD, for a request written down and entered later (default today); it picks which unit --ward means.")
    var filedOn: String?
    @Flag(help: "Print JSON (an object with an `id` field).") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if file == nil && procedure == nil {
            throw ValidationError(Say.oneOrFile)
        }
    }

    func run() async throws {
        if let file { return try await EnqueueFile(path: file, client: client, json: json).run() }
        let answer = try await client.call("xk.submit", WireJSON.encode(request()), as: SubmitAnswer.self)
        if json { return printJSON(answer) }
        print(answer.id.rawValue + (answer.duplicate ? "  " + Say.alreadySubmitted : ""))
    }

    /// The request, built from the flags; the dispatcher validates it against the district.
    private func request() -> HelpRequest {
        var citizen: Citizen?
        if name != nil || phone != nil || ageBand != nil { citizen = Citizen(shortName: name, phone: phone, ageBand: ageBand) }
        return HelpRequest(
            ward: ward, residentialGroup: residentialGroup, procedure: procedure ?? "", field: field,
            helpType: helpType, channel: channel,
            priority: PriorityFlags(elderly: elderly, disability: disability, noSmartphone: noSmartphone, deadline: deadline),
            citizen: citizen, consent: consent ? Consent(given: true, textVersion: consentVersion) : nil,
            note: note, idempotencyKey: idempotencyKey, filedOn: filedOn)
    }
}

extension HelpType: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension AgeBand: ExpressibleByArgument {}
