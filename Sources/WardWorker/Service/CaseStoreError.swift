import Storage

/// Why the ward's case store cannot be used: the shared SQLite file errors (empty, damaged, disk full,
/// write failed, unreadable), with messages for the ward's IT officer and team members.
public typealias CaseStoreError = StoreFileError
