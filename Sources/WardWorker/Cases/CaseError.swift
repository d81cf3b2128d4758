import XungKich

/// A team member's command that was refused, with a message saying why and what to do instead,
/// e.g. "case 007-0000042 is ACCEPTED; contact the citizen first (xk case contact 007-0000042)
/// before submitting".
public struct CaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The case the command was for.
    public var caseID: RequestID
    /// The whole message, ready to print.
    public var message: String
    /// Set when the step was valid but could not be saved: nothing changed, and it may be done again.
    public var storeFailure: CaseStoreError?

    /// Creates a refusal.
    public init(caseID: RequestID, message: String) {
        self.caseID = caseID
        self.message = message
    }

    /// The message.
    /// A valid step that the store could not save.
    public init(caseID: RequestID, storeFailure: CaseStoreError) {
        self.caseID = caseID
        self.message = storeFailure.description
        self.storeFailure = storeFailure
    }

    public var description: String { message }
}
