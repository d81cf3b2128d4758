/// Why a case is paused on the citizen (WAITING_CITIZEN). The raw values are what team members
/// type (`xk case wait ID --reason missing_documents`) and what the PARTIAL reply carries.
public enum WaitReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The citizen has to fetch papers the dossier needs.
    case missingDocuments = "missing_documents"
    /// The citizen has to visit the ward police for a level-2 VNeID account.
    case vneidAtPolice = "vneid_at_police"
    /// The citizen asked for another day.
    case reschedule = "reschedule"
    /// Anything else; say what in the contact note.
    case other = "other"
}
