/// Why personal data could not be sealed or opened, with what to do about it.
public enum PersonalDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key file has no key (damaged by hand).
    case noKey
    /// A record was sealed with a key the key file no longer holds.
    case unknownKey(UInt32)
    /// A record does not open with its key: it was changed, or the key file is not this store's.
    case tampered
    case sealFailed(String)
    /// The key file is missing while the store it protects exists.
    case keyFileMissing(path: String, store: String)
    /// The key file cannot be read or parsed.
    case keyFileDamaged(path: String, reason: String)
    /// The key file cannot be written.
    case keyFileUnwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .noKey:
            "the personal-data key file holds no key; restore it from the backup of the keys"
        case .unknownKey(let id):
            "a record was sealed with personal-data key \(id), which the key file no longer holds; restore the key "
                + "file from the backup of the keys made before the last rotation"
        case .tampered:
            "a record's personal data does not open with its key: the store was changed outside XungKích, or the "
                + "key file belongs to another store"
        case .sealFailed(let reason):
            "personal data could not be encrypted: \(reason)"
        case .keyFileMissing(let path, let store):
            "the personal-data key \(path) is missing but \(store) exists: restore the key file from its backup "
                + "(the names and phones in the store cannot be read without it); do not delete the store"
        case .keyFileDamaged(let path, let reason):
            "the personal-data key \(path) cannot be read (\(reason)): restore it from its backup"
        case .keyFileUnwritable(let path, let reason):
            "the personal-data key \(path) cannot be written: \(reason)"
        }
    }
}
