import Foundation

extension DispatcherApp {
    /// Readies a durable dispatcher's data folder: creates it on a first start and loads (or creates) the
    /// citizen pseudonym key. Refuses a folder whose key is there without its journal: that is an old
    /// install whose journal was lost, and starting afresh beside its key would give out its ids again.
    public static func prepareDataFolder(_ directory: String) throws -> CitizenPseudonym {
        let journal = (directory as NSString).appendingPathComponent("journal.sqlite")
        let key = (directory as NSString).appendingPathComponent("citizen-pseudonym.key")
        let files = FileManager.default
        if files.fileExists(atPath: key), !files.fileExists(atPath: journal) {
            throw JournalError.missing(path: journal, keyPath: key)
        }
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try CitizenPseudonym.loadOrCreate(directory: directory)
    }
}
