/// The columns of the bulk-entry CSV file, in their documented order; raw values are the
/// header names. Each maps to one place in the JSON body so problems found by the JSON rules
/// can be reported under the column the officer typed into.
enum CSVColumn: String, CaseIterable {
    case ward
    case residentialGroup = "residential_group"
    case procedure
    case field
    case helpType = "help_type"
    case channel
    case elderly
    case disability
    case noSmartphone = "no_smartphone"
    case deadline
    case name
    case phone
    case ageBand = "age_band"
    case consent
    case consentVersion = "consent_version"
    case note
    case idempotencyKey = "idempotency_key"
    case filedOn = "filed_on"

    /// Columns every file must have. `ward` is not among them because `residential_group`
    /// may stand in for it; the header check asks for one of the two.
    /// Columns a file must have (help type and channel default as `xk enqueue`'s flags do when left out).
    static let required: [CSVColumn] = [.procedure]

    /// JSON path of the value the column fills.
    var fieldPath: String {
        switch self {
        case .ward: "ward"
        case .residentialGroup: "residentialGroup"
        case .procedure: "procedure"
        case .field: "field"
        case .helpType: "helpType"
        case .channel: "channel"
        case .elderly: "priority.elderly"
        case .disability: "priority.disability"
        case .noSmartphone: "priority.noSmartphone"
        case .deadline: "priority.deadline"
        case .name: "citizen.shortName"
        case .phone: "citizen.phone"
        case .ageBand: "citizen.ageBand"
        case .consent: "consent.given"
        case .consentVersion: "consent.textVersion"
        case .note: "note"
        case .idempotencyKey: "idempotencyKey"
        case .filedOn: "filedOn"
        }
    }

    /// The column for a JSON path from a ``HelpRequestProblem``; "consent" itself (consent
    /// missing) belongs to the `consent` column.
    init?(fieldPath: String) {
        if fieldPath == "consent" {
            self = .consent
            return
        }
        guard let column = Self.allCases.first(where: { $0.fieldPath == fieldPath }) else { return nil }
        self = column
    }
}
