import Foundation
import GRDB
import Storage
import Testing

@Suite("Online backup and restore")
struct StoreBackupTests {
    /// A data folder with a WAL case store (one table as the ward's) and its key file, as a worker leaves it.
    func wardFolder() throws -> (folder: String, writer: DatabaseQueue) {
        let folder = NSTemporaryDirectory() + "xk-backup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.journalMode = .wal
        let writer = try DatabaseQueue(path: folder + "/cases.sqlite", configuration: configuration)
        try writer.write { try $0.execute(sql: "CREATE TABLE ward_case (id TEXT PRIMARY KEY, n INTEGER)") }
        try PersonalDataKeyFile.write(PersonalDataKeys.generate(), path: PersonalDataKeyFile.path(in: folder))
        return (folder, writer)
    }

    @Test("a backup of a store still held open has every commit made before it, including those still in the WAL")
    func backupSeesTheWAL() throws {
        let (folder, writer) = try wardFolder()
        // The writer keeps its connection: the commits below sit in cases.sqlite-wal, not yet in the main file.
        for n in 1...200 {
            try writer.write { try $0.execute(sql: "INSERT INTO ward_case VALUES (?, ?)", arguments: ["c\(n)", n]) }
        }
        let target = folder + "/../backup-\(UUID().uuidString).sqlite"
        let result = try StoreBackup.backup(data: folder, to: target)
        #expect(result.source.role == .caseStore)
        #expect(result.keys == [target + ".personal-data.keys"])
        let copy = try DatabaseQueue(path: target)
        #expect(try copy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ward_case") } == 200)
        #expect(FileManager.default.contents(atPath: target + ".personal-data.keys")
            == FileManager.default.contents(atPath: PersonalDataKeyFile.path(in: folder)))
        let mode = (try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    @Test("nothing is overwritten: an existing backup name and a folder that holds a store are refused")
    func refusesToOverwrite() throws {
        let (folder, _) = try wardFolder()
        let target = folder + "/../backup-\(UUID().uuidString).sqlite"
        _ = try StoreBackup.backup(data: folder, to: target)
        #expect(throws: BackupError.wouldOverwrite(target)) { try StoreBackup.backup(data: folder, to: target) }
        #expect(throws: BackupError.wouldOverwrite(folder + "/cases.sqlite")) {
            try StoreBackup.restore(from: target, into: folder)
        }
        let restored = try StoreBackup.restore(from: target, into: folder + "-restored")
        #expect(restored.role == .caseStore && restored.path == folder + "-restored/cases.sqlite")
        #expect(FileManager.default.fileExists(atPath: folder + "-restored/" + PersonalDataKeyFile.name))
    }

    @Test("a folder without a store is named in the refusal")
    func noStore() throws {
        let folder = NSTemporaryDirectory() + "xk-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: BackupError.noStore(folder)) { try StoreBackup.backup(data: folder, to: folder + ".sqlite") }
    }
}
