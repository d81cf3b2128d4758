import XungKich

/// The answer to `erase-citizen` and `purge`: each request whose personal data was erased, and which wards
/// were told to erase their copy (they are told as soon as one of their workers is connected, even after a
/// restart of either side).
public struct CitizenErasureAnswer: Codable, Sendable, Hashable {
    public struct Item: Codable, Sendable, Hashable {
        public var id: RequestID
        /// False when the request was anonymous or already erased.
        public var hadPersonalData: Bool
        public var wardsTold: [WardCode]

        public init(id: RequestID, hadPersonalData: Bool, wardsTold: [WardCode]) {
            self.id = id
            self.hadPersonalData = hadPersonalData
            self.wardsTold = wardsTold
        }
    }

    public var requests: [Item]

    public init(requests: [Item]) { self.requests = requests }
}
