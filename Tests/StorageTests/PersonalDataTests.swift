import Foundation
import Storage
import Testing

@Suite("Personal data at rest")
struct PersonalDataTests {
    let phone = Array("0912345678 Bà Lan".utf8)

    @Test("a sealed value shows none of its plaintext and opens to it")
    func sealAndOpen() throws {
        let keys = PersonalDataKeys.generate()
        let sealed = try keys.seal(phone)
        #expect(PersonalDataKeys.isSealed(sealed))
        #expect(Data(sealed).range(of: Data("0912345678".utf8)) == nil)
        #expect(try keys.open(sealed) == phone)
        // Two seals of the same value differ (a fresh nonce each time).
        #expect(try keys.seal(phone) != sealed)
    }

    @Test("a changed byte is refused, not opened to garbage; another store's key does not open it")
    func tamperedAndForeign() throws {
        let keys = PersonalDataKeys.generate()
        var sealed = try keys.seal(phone)
        sealed[sealed.count - 3] ^= 0x01
        #expect(throws: PersonalDataError.tampered) { try keys.open(sealed) }
        let other = PersonalDataKeys.generate()
        #expect(throws: PersonalDataError.tampered) { try other.open(try keys.seal(phone)) }
    }

    @Test("after a rotation old values still open, new ones use the new key, and retiring the old key strands only old values")
    func rotation() throws {
        var keys = PersonalDataKeys.generate()
        let old = try keys.seal(phone)
        keys.rotate()
        #expect(keys.activeID == 2)
        let new = try keys.seal(phone)
        #expect(PersonalDataKeys.keyID(of: new) == 2)
        #expect(try keys.open(old) == phone)
        keys.retire(below: 2)
        #expect(try keys.open(new) == phone)
        #expect(throws: PersonalDataError.unknownKey(1)) { try keys.open(old) }
    }

    @Test("a value from before sealing is read as it is (a journal of the previous release)")
    func legacyPlaintext() throws {
        #expect(try PersonalDataKeys.generate().open(phone) == phone)
    }

    @Test("the key file is owner-only, read back the same, and never replaced beside a store that has sealed data")
    func keyFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = folder + "/journal.sqlite"
        let keys = try PersonalDataKeyFile.loadOrCreate(directory: folder, store: store)
        let path = PersonalDataKeyFile.path(in: folder)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try PersonalDataKeyFile.loadOrCreate(directory: folder, store: store) == keys)
        // The store holds sealed data and the key is lost: refused, not replaced by a new key.
        _ = FileManager.default.createFile(atPath: store, contents: Data(try keys.seal(phone)))
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: PersonalDataError.keyFileMissing(path: path, store: store)) {
            try PersonalDataKeyFile.loadOrCreate(directory: folder, store: store)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        // A damaged key file says so.
        _ = FileManager.default.createFile(atPath: path, contents: Data("{\"keys\":[{\"id\":1,\"key\":\"short\"}]}".utf8))
        #expect(throws: PersonalDataError.self) { try PersonalDataKeyFile.load(path: path) }
    }
}

@Suite("Data folders and the audit log")
struct DataFolderTests {
    @Test("a data folder is made 0700, its files tightened to 0600, and a second holder is refused with the first named")
    func lockAndModes() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let path = parent + "/data"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        _ = FileManager.default.createFile(atPath: path + "/journal.sqlite", contents: Data([1]),
                                       attributes: [.posixPermissions: 0o644])
        var first: DataFolder? = try DataFolder(path: path, purpose: "xk dispatcher")
        #expect(mode(path) == 0o700)
        #expect(mode(path + "/journal.sqlite") == 0o600)
        let second = Result { try DataFolder(path: path, purpose: "xk privacy rotate-key") }
        guard case .failure(let failure) = second, case .inUse(_, let holder) = failure as? DataFolder.Failure else {
            Issue.record("a second holder took the folder: \(second)")
            return
        }
        #expect(holder.contains("xk dispatcher"))
        #expect(holder.contains("pid \(getpid())"))
        #expect(first != nil)
        first = nil
        // Released with its holder.
        _ = try DataFolder(path: path, purpose: "again")
    }

    @Test("audit entries are appended owner-only and read back in order; a damaged line is reported with its number")
    func auditLog() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = AuditLog(directory: folder)
        #expect(try log.entries().isEmpty)
        try log.append(AuditEntry(at: 1, who: "ward-00286", action: "reveal", requests: ["007-0000001"], detail: "team 00286-T03"))
        try log.append(AuditEntry(at: 2, who: "officer", action: "erase-citizen", requests: ["007-0000001", "007-0000002"]))
        #expect(try log.entries().map(\.action) == ["reveal", "erase-citizen"])
        #expect(mode(log.path) == 0o600)
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        handle.seekToEndOfFile()
        handle.write(Data("not json\n".utf8))
        try handle.close()
        #expect(throws: AuditLogError.unreadable(path: log.path, line: 3)) { try log.entries() }
    }
}

func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
}

func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "xk-storage-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
