/// Why help failed. Fixed vocabulary so failures can be ranked (Pareto) across wards.
public enum FailureReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The citizen has no level-2 VNeID account; only the ward police can create one.
    case noVNeIDLevel2 = "NO_VNEID_L2"
    /// Could not log in to VNeID (password, phone number, device change).
    case vneidLoginIssue = "VNEID_LOGIN_ISSUE"
    /// Papers needed for the dossier were missing.
    case missingDocuments = "MISSING_DOCUMENTS"
    /// The citizen's data disagrees with the national population database.
    case dataMismatchNationalDB = "DATA_MISMATCH_NATIONAL_DB"
    /// The procedure is not offered online here.
    case procedureNotOnline = "PROCEDURE_NOT_ONLINE"
    /// The procedure needs the citizen in person.
    case requiresInPerson = "REQUIRES_IN_PERSON"
    /// The public service portal failed.
    case portalError = "PORTAL_ERROR"
    /// Online payment of the fee failed.
    case paymentError = "PAYMENT_ERROR"
    /// No phone, computer or connection available.
    case noDeviceOrInternet = "NO_DEVICE_OR_INTERNET"
    /// The citizen chose not to go on.
    case citizenDeclined = "CITIZEN_DECLINED"
    /// The citizen could not be reached.
    case citizenUnreachable = "CITIZEN_UNREACHABLE"
    /// Anything else; the free-text detail is stored with the case, not here.
    case other = "OTHER"

    /// `OTHER` alone tells a coordinator nothing, so it must come with a free-text detail.
    public var requiresDetail: Bool { self == .other }
}
