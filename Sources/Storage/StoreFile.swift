/// A SQLite file that one of XungKích's processes keeps, named for messages: what it is, and what would be
/// lost by deleting it.
public struct StoreFile: Sendable, Hashable, CustomStringConvertible {
    public enum Role: Sendable, Hashable {
        /// The dispatcher's journal of help requests.
        case journal
        /// A ward's case store.
        case caseStore
        /// The coordinator's statistics store.
        case statistics
    }

    public var path: String
    public var role: Role

    public init(path: String, role: Role) {
        self.path = path
        self.role = role
    }

    public var description: String {
        switch role {
        case .journal: "the journal \(path)"
        case .caseStore: "the ward's case store \(path)"
        case .statistics: "the statistics store \(path)"
        }
    }

    /// Why the file must be restored rather than deleted.
    var whyNotDelete: String {
        switch role {
        case .journal: "a new journal would give out request ids that were already given"
        case .caseStore: "the teams' work on open cases would be lost"
        case .statistics: "a new store would count only the events the dispatchers still hold"
        }
    }
}
