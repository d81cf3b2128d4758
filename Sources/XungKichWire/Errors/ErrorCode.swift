import XungKich

/// The machine-readable kind of a ``WireError``. Open (a newer peer may send a code this release does not
/// know), so it is a string with the known values as constants.
public struct ErrorCode: StringBacked {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The body is not JSON, not UTF-8, or not the shape the endpoint reads.
    public static let malformed = ErrorCode("malformed")
    /// One JSON object names the same key twice.
    public static let duplicateKey = ErrorCode("duplicate-key")
    /// The message is larger than the endpoint takes.
    public static let tooLarge = ErrorCode("too-large")
    /// Well-formed, but some fields are wrong: see `problems`.
    public static let invalidRequest = ErrorCode("invalid-request")
    /// A command name this endpoint does not know.
    public static let unknownCommand = ErrorCode("unknown-command")
    /// No such request, case or team.
    public static let notFound = ErrorCode("not-found")
    /// The thing exists but is not in a state that allows this (resolved, cancelled, with a worker…).
    public static let conflict = ErrorCode("conflict")
    /// The sender's key does not allow this (an intake key asking `xk.admin`, a ward key for another ward).
    public static let forbidden = ErrorCode("forbidden")
    /// The endpoint does not offer this (e.g. a dispatcher started without `--data` takes no help requests).
    public static let unavailable = ErrorCode("unavailable")
    /// The disk is full: nothing was stored. Retry once space is freed.
    public static let diskFull = ErrorCode("disk-full")
    /// The store could not be read or written: nothing was stored. Retry later.
    public static let storeUnavailable = ErrorCode("store-unavailable")
    /// A bug or an unexpected state on the answering side.
    public static let `internal` = ErrorCode("internal")
    /// An older peer's error without a code.
    public static let unknown = ErrorCode("unknown")

    /// Codes for which the same message may succeed later.
    public var isRetryable: Bool { self == .diskFull || self == .storeUnavailable }
}
