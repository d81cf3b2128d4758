import Foundation

/// The file holding a store's ``PersonalDataKeys``: `personal-data.keys` in the data folder, mode 0600, JSON.
/// Written whole to a temporary file, synced and renamed, so a crash mid-rotation leaves the old file or the
/// new one, never half of one.
public enum PersonalDataKeyFile {
    public static let name = "personal-data.keys"

    private struct Contents: Codable {
        var format = 1
        var keys: [Entry]
        struct Entry: Codable {
            var id: UInt32
            var key: String
        }
    }

    /// The path of the key file in `directory`.
    public static func path(in directory: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// The keys of `directory`; made on a first start. Refuses to make new keys beside an existing `store`:
    /// the records in it would then never open again.
    public static func loadOrCreate(directory: String, store: String) throws(PersonalDataError) -> PersonalDataKeys {
        let path = path(in: directory)
        if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        if FileManager.default.fileExists(atPath: store), storeHasSealedData(store) {
            throw .keyFileMissing(path: path, store: store)
        }
        let keys = PersonalDataKeys.generate()
        try write(keys, path: path)
        return keys
    }

    /// Reads the key file at `path`.
    public static func load(path: String) throws(PersonalDataError) -> PersonalDataKeys {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFileDamaged(path: path, reason: "it cannot be read")
        }
        do {
            let contents = try JSONDecoder().decode(Contents.self, from: data)
            var keys: [PersonalDataKeys.Key] = []
            for entry in contents.keys {
                guard let secret = Data(base64Encoded: entry.key), secret.count == 32 else {
                    throw PersonalDataError.keyFileDamaged(path: path, reason: "key \(entry.id) is not 32 bytes of base64")
                }
                keys.append(.init(id: entry.id, secret: Array(secret)))
            }
            guard !keys.isEmpty else { throw PersonalDataError.noKey }
            return PersonalDataKeys(keys: keys)
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .keyFileDamaged(path: path, reason: "\(error)")
        }
    }

    /// Replaces the key file at `path` atomically, owner-only.
    public static func write(_ keys: PersonalDataKeys, path: String) throws(PersonalDataError) {
        let contents = Contents(keys: keys.keys.map { .init(id: $0.id, key: Data($0.secret).base64EncodedString()) })
        let temporary = path + ".new"
        do {
            let data = try JSONEncoder().encode(contents)
            unlink(temporary)
            let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { throw PersonalDataError.keyFileUnwritable(path: path, reason: String(cString: strerror(errno))) }
            let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd)
            close(fd)
            guard written == data.count, synced == 0 else {
                unlink(temporary)
                throw PersonalDataError.keyFileUnwritable(path: path, reason: "the disk may be full")
            }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw PersonalDataError.keyFileUnwritable(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .keyFileUnwritable(path: path, reason: "\(error)")
        }
    }

    /// Whether the SQLite file at `path` has any bytes of a sealed value: a store that was never sealed (the
    /// previous release's) may get a first key; one that was must find its key file.
    static func storeHasSealedData(_ path: String) -> Bool {
        [path, path + "-wal"].contains { file in
            FileManager.default.contents(atPath: file)?.range(of: Data(PersonalDataKeys.magic)) != nil
        }
    }
}
