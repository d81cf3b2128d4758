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
        /// Switch to new units at `at` (``SwitchAnswer``): open requests of units that have ended by then go to their
        /// one whole successor, or wait for an operator with the candidates when the unit was split.
        case `switch`
    }

    public var command: Name
    public var id: RequestID?
    /// erase-citizen: the citizen's phone, in any usual spelling ("0912 345 678").
    public var phone: String?
    /// purge: the retention in days (the dispatcher's own setting when left out).
    public var days: Int?
    /// switch: the instant the new units take over (seconds since 1970).
    public var at: Double?
    /// requeue: the ward to route the request to from now on (an operator placing a split unit's request).
    public var to: WardCode?

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
        at = try container.decodeIfPresent(Double.self, forKey: .at)
        to = try container.decodeIfPresent(WardCode.self, forKey: .to)
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
        /// The unit it was filed under (`CODE@YYYY-MM-DD`); absent from dispatchers before units were dated.
        public var unit: UnitKey?

        public init(id: RequestID, ward: WardCode, state: String, attempts: Int, createdAt: Double, unit: UnitKey? = nil) {
            self.unit = unit
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

/// What a `switch` did: the requests moved to a whole successor, and those of split units left for an operator.
public struct SwitchAnswer: Codable, Sendable, Hashable {
    public struct Moved: Codable, Sendable, Hashable {
        public var id: RequestID
        public var from: UnitKey
        public var to: WardCode
        public init(id: RequestID, from: UnitKey, to: WardCode) {
            self.id = id
            self.from = from
            self.to = to
        }
    }
    public struct Split: Codable, Sendable, Hashable {
        public var id: RequestID
        public var from: UnitKey
        public var candidates: [UnitKey]
        public init(id: RequestID, from: UnitKey, candidates: [UnitKey]) {
            self.id = id
            self.from = from
            self.candidates = candidates
        }
    }
    public var moved: [Moved]
    public var needsAttention: [Split]
    /// Requests a team holds now: moved in the journal (a loss or a decline sends them to the successor), left with
    /// their team until it answers.
    public var heldByTeams: Int

    public init(moved: [Moved], needsAttention: [Split], heldByTeams: Int) {
        self.moved = moved
        self.needsAttention = needsAttention
        self.heldByTeams = heldByTeams
    }
}
