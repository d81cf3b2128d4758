/// What a citizen needs help with. Fixed vocabulary: statistics group requests by it.
///
/// Most help is getting the citizen into the portal (VNeID), not filing itself, so the VNeID
/// cases are their own values rather than notes on a dossier.
public enum HelpType: String, Sendable, Hashable, Codable, CaseIterable {
    /// File a dossier (hồ sơ) for the procedure on the public service portal.
    case submitDossier = "submit_dossier"
    /// Set up a VNeID account or activate it on the citizen's phone.
    case vneidSetup = "vneid_setup"
    /// Recover VNeID access: forgotten password, changed phone number or device.
    case vneidRecovery = "vneid_recovery"
    /// Explain a procedure: papers, fees, where and how to file.
    case information
    /// Pay a fee online.
    case payment
    /// Find out where an already filed dossier stands.
    case trackDossier = "track_dossier"
}
