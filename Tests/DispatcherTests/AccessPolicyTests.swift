import Majordomo
import Security
import Testing
@testable import Dispatcher

/// Who may send what with keys, decided per message from the connection's identity.
struct AccessPolicyTests {
    private let policy = AccessPolicy(principals: [
        "intake": .init(role: .intake, ward: nil, revoked: false),
        "officer": .init(role: .officer, ward: nil, revoked: false),
        "coordinator": .init(role: .coordinator, ward: nil, revoked: false),
        "viewer": .init(role: .viewer, ward: nil, revoked: false),
        "ward-00286": .init(role: .ward, ward: "00286", revoked: false),
        "old-desk": .init(role: .intake, ward: nil, revoked: true),
    ])

    private func request(_ service: String) -> BrokerInbound { .request(.rfc18, service: Array(service.utf8), body: []) }
    private func ready(_ service: String) -> BrokerInbound { .ready(.rfc18, service: Array(service.utf8), credit: 1) }
    private func allowed(_ user: String?, _ inbound: BrokerInbound) -> Bool { policy.decide(user, inbound) == .allow }

    @Test func helpDesksSubmitAndReadStatusButDoNotAdminister() {
        #expect(allowed("intake", request("xk.submit")))
        #expect(allowed("intake", request("xk.status")))
        #expect(!allowed("intake", request("xk.admin")))
        #expect(!allowed("intake", request("xk.events")))
        #expect(allowed("intake", request("mmi.service")))
    }

    @Test func officersDoEverythingAClientCan() {
        for service in ["xk.submit", "xk.status", "xk.admin", "xk.events", "ward.00286", "mmi.service"] {
            #expect(allowed("officer", request(service)), "\(service)")
        }
    }

    @Test func theCoordinatorReadsEventsOnly() {
        #expect(allowed("coordinator", request("xk.events")))
        #expect(!allowed("coordinator", request("xk.submit")))
        #expect(!allowed("viewer", request("xk.events")))
        #expect(!allowed("viewer", request("xk.status")))
    }

    @Test func aWardKeyRegistersItsOwnWardOnly() {
        #expect(allowed("ward-00286", ready("ward.00286")))
        #expect(!allowed("ward-00286", ready("ward.00241")))
        #expect(!allowed("ward-00286", ready("xk.submit")))
        #expect(!allowed("officer", ready("ward.00286")), "only a ward key registers a ward")
        #expect(!allowed("ward-00286", request("xk.submit")), "a ward key is no help desk")
        #expect(allowed("ward-00286", .heartbeat(.rfc18)))
        #expect(!allowed("intake", .heartbeat(.rfc18)))
        #expect(!allowed("intake", .final(.rfc18, client: [1], body: [])))
    }

    @Test func revokedUnknownAndAnonymousAreRefused() {
        #expect(policy.decide("old-desk", request("xk.submit")) == .refuse("the key of old-desk is revoked"))
        #expect(!allowed("stranger", request("mmi.service")))
        #expect(!allowed(nil, request("mmi.service")))
    }
}
