import Foundation
import Storage

extension DispatcherApp {
    /// A durable dispatcher's data folder, ready: locked for this process, owner-only, with its keys.
    public struct PreparedDataFolder: Sendable {
        /// Held while the dispatcher runs: a second process on the folder is refused.
        public let folder: DataFolder
        public let pseudonyms: CitizenPseudonym
        /// Seal the citizens' names, phones and notes in the journal.
        public let personalData: PersonalDataKeys
    }

    /// Readies a durable dispatcher's data folder: creates it owner-only on a first start, locks it, and loads
    /// (or creates) the citizen pseudonym key and the personal-data key. Refuses a folder whose pseudonym key is
    /// there without its journal: that is an old install whose journal was lost, and starting afresh beside its
    /// key would give out its ids again; and a journal with sealed data whose personal-data key is missing.
    public static func prepareDataFolder(_ directory: String) throws -> PreparedDataFolder {
        let journal = (directory as NSString).appendingPathComponent("journal.sqlite")
        let key = (directory as NSString).appendingPathComponent("citizen-pseudonym.key")
        let files = FileManager.default
        if files.fileExists(atPath: key), !files.fileExists(atPath: journal) {
            throw JournalError.missing(path: journal, keyPath: key)
        }
        let folder = try DataFolder(path: directory, purpose: "xk dispatcher")
        return PreparedDataFolder(
            folder: folder, pseudonyms: try CitizenPseudonym.loadOrCreate(directory: directory),
            personalData: try PersonalDataKeyFile.loadOrCreate(directory: directory, store: journal))
    }
}
