import XungKich

/// An `xk.admin` command: `{"command": "requeue", "id": "007-0000042"}`, `{"command": "cancel", "id": …}` or
/// `{"command": "attention"}`; `{"command": "erase-citizen", "phone": "0912345678"}` and
/// `{"command": "purge", "days": 30}` for personal data (officers only, as every admin command).
public struct AdminCommand: Codable, Sendable, Hashable {
    public enum Name: String, Codable, Sendable, CaseIterable {
        /// Put the request back in its ward's queue with fresh attempts.
        case requeue
        /// Withdraw an open request.
        case cancel
        /// List the requests waiting for an operator.
        case attention
        /// Erase a citizen's name, phone and notes from every request they made (``CitizenErasureAnswer``).
        case eraseCitizen = "erase-citizen"
        /// Erase the personal data of requests finished more than `days` ago (``CitizenErasureAnswer``).
        case purge
    }

    public var command: Name
    public var id: RequestID?
    /// erase-citizen: the citizen's phone, in any usual spelling ("0912 345 678").
    public var phone: String?
    /// purge: the retention in days (the dispatcher's own setting when left out).
    public var days: Int?

    public init(_ command: Name, id: RequestID? = nil) {
        self.command = command
        self.id = id
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try WireVocabulary.decode(Name.self, from: container, forKey: .command)
        id = try container.decodeIfPresent(RequestID.self, forKey: .id)
        phone = try container.decodeIfPresent(String.self, forKey: .phone)
        days = try container.decodeIfPresent(Int.self, forKey: .days)
    }
}

/// The answer to `requeue` and `cancel`: the request and its state now.
public struct AdminAnswer: Codable, Sendable, Hashable {
    public var id: RequestID
    public var state: String

    public init(id: RequestID, state: String) {
        self.id = id
        self.state = state
    }
}

/// The answer to `attention`.
public struct AttentionList: Codable, Sendable, Hashable {
    public struct Item: Codable, Sendable, Hashable {
        public var id: RequestID
        public var ward: WardCode
        public var state: String
        public var attempts: Int
        /// Seconds since 1970 (UTC).
        public var createdAt: Double

        public init(id: RequestID, ward: WardCode, state: String, attempts: Int, createdAt: Double) {
            self.id = id
            self.ward = ward
            self.state = state
            self.attempts = attempts
            self.createdAt = createdAt
        }
    }

    public var requests: [Item]
    public init(requests: [Item]) { self.requests = requests }
}
