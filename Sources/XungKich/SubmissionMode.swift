
/// How a dossier was filed online, in the vocabulary of Decree 42/2022 (from 15/08/2022).
///
/// Raw values are what team members type (`--mode toan-trinh`) and what the FINAL reply carries.
public enum SubmissionMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Toàn trình: filed and resolved online, result online or by post (≈ legacy level 4).
    case fullProcess = "toan-trinh"
    /// Một phần: some steps (fee, result) still at the counter (≈ legacy level 3).
    case partial = "mot-phan"

    /// The outcome a submission in this mode records.
    public var outcome: Outcome {
        switch self {
        case .fullProcess: .submittedFullOnline
        case .partial: .submittedPartialOnline
        }
    }

    /// The Decree 43/2011 level this mode corresponds to (4 for toàn trình, 3 for một phần).
    public var legacyLevel: Int {
        switch self {
        case .fullProcess: 4
        case .partial: 3
        }
    }
}
