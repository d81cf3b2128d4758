import Foundation

/// Turns the cells of one CSV row into a ``HelpRequest``, noting what cannot be read.
///
/// Cells are read more forgivingly than JSON, because people type them: vocabulary values
/// ignore case and accept spaces or dashes for underscores ("Walk-in"), booleans accept
/// Vietnamese, and deadlines may be written DD/MM/YYYY as in Vietnamese spreadsheets.
struct CSVRowReader {
    /// Cell text by column; columns absent from the file read as empty.
    let cells: [CSVColumn: String]
    private(set) var problems: [(column: CSVColumn, message: String)] = []

    init(cells: [CSVColumn: String]) {
        self.cells = cells
    }

    /// What an empty cell (or a missing column) means, the same as `xk enqueue`'s flags.
    static let defaultHelpType = HelpType.submitDossier
    static let defaultChannel = Channel.walkIn
    static let defaultConsentVersion = "v1"

    /// The request, or `nil` when a vocabulary value (help type, channel) is unknown; ``problems`` says why
    /// either way. An empty help type, channel or consent version takes the flags' default.
    mutating func request() -> (request: HelpRequest?, draft: HelpRequest) {
        let helpType = text(.helpType) == nil ? Self.defaultHelpType : choice(.helpType, as: HelpType.self, noun: "a help type", required: true)
        let channel = text(.channel) == nil ? Self.defaultChannel : choice(.channel, as: Channel.self, noun: "a channel", required: true)
        let priority = PriorityFlags(
            elderly: flag(.elderly), disability: flag(.disability), noSmartphone: flag(.noSmartphone),
            deadline: day(.deadline))
        let citizen = Citizen(
            shortName: text(.name), phone: text(.phone),
            ageBand: choice(.ageBand, as: AgeBand.self, noun: "an age band", required: false))
        let consentGiven = flag(.consent)
        let consentVersion = text(.consentVersion)
        let consent: Consent? = consentGiven || consentVersion != nil
            ? Consent(given: consentGiven, textVersion: consentVersion ?? Self.defaultConsentVersion) : nil
        // A placeholder lets the JSON rules run on the rest of the row, so every problem of
        // the row is reported at once; the row itself is dropped.
        let draft = HelpRequest(
            ward: text(.ward), residentialGroup: text(.residentialGroup),
            procedure: text(.procedure) ?? "", field: text(.field),
            helpType: helpType ?? .information, channel: channel ?? .hotline,
            priority: priority,
            citizen: citizen.shortName == nil && citizen.phone == nil && citizen.ageBand == nil ? nil : citizen,
            consent: consent,
            note: text(.note, keepingLines: true), idempotencyKey: text(.idempotencyKey), filedOn: day(.filedOn))
        return (helpType != nil && channel != nil ? draft : nil, draft)
    }

    private func text(_ column: CSVColumn, keepingLines: Bool = false) -> String? {
        guard let raw = cells[column] else { return nil }
        let trimmed = raw.trimmingCharacters(in: keepingLines ? .whitespacesAndNewlines : .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    private mutating func choice<V: RawRepresentable & CaseIterable>(
        _ column: CSVColumn, as type: V.Type, noun: String, required: Bool
    ) -> V? where V.RawValue == String {
        let allowed = V.allCases.map(\.rawValue).joined(separator: ", ")
        guard let raw = text(column) else {
            if required { add(column, "is empty; use one of \(allowed)") }
            return nil
        }
        var key = raw.lowercased().replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: "–", with: "_")
        if key.hasSuffix("+") { key = String(key.dropLast()) + "_plus" }
        guard let value = V(rawValue: key) else {
            add(column, "\(Quote.text(raw)) is not \(noun); use one of \(allowed)")
            return nil
        }
        return value
    }

    private static let yes: Set<String> = ["yes", "y", "true", "1", "có", "co", "x"]
    private static let no: Set<String> = ["no", "n", "false", "0", "không", "khong"]

    /// Empty means no: most rows leave most flags blank.
    private mutating func flag(_ column: CSVColumn) -> Bool {
        guard let raw = text(column) else { return false }
        // NFC so a "có" typed on a Mac (decomposed) matches; Set lookups compare scalars.
        let word = raw.lowercased().precomposedStringWithCanonicalMapping
        if Self.yes.contains(word) { return true }
        if Self.no.contains(word) { return false }
        add(column, "\(Quote.text(raw)) is not yes or no; write yes/no, true/false, 1/0 or có/không, or leave it empty for no")
        return false
    }

    /// `YYYY-MM-DD` as is; `D/M/YYYY` (the Vietnamese order) turned into `YYYY-MM-DD`.
    /// Anything else is passed on for the JSON rules to reject with their usual message.
    private func day(_ column: CSVColumn) -> String? {
        guard let raw = text(column) else { return nil }
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return raw }
        return "\(parts[2])-\(String(parts[1]).leftPadded(to: 2))-\(String(parts[0]).leftPadded(to: 2))"
    }

    private mutating func add(_ column: CSVColumn, _ message: String) {
        problems.append((column, message))
    }
}
