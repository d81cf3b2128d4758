@testable import Coordinator
import Security
import Testing
import XungKichWire

/// Who may ask the coordinator's statistics endpoint what, decided per query from the connection's identity.
struct StatsAccessPolicyTests {
    private func key(_ name: String, _ role: Role, revoked: Bool = false) -> AuthorizedKey {
        AuthorizedKey(name: name, role: role, publicKey: String(repeating: "a", count: 40), revoked: revoked)
    }

    private func allowed(_ key: AuthorizedKey?, _ report: StatsQueryMessage.Report?) -> Bool {
        StatsAccessPolicy.decide(userID: key?.name, identity: key, report: report) == .allow
    }

    @Test func viewersOfficersAndTheCoordinatorReadEveryReport() {
        for role in [Role.viewer, .officer, .coordinator] {
            for report in [StatsQueryMessage.Report.stats, .contribution, .baseline] {
                #expect(allowed(key("k", role), report), "\(role) \(report)")
            }
        }
    }

    @Test func onlyOfficersAndTheCoordinatorImportTheBaseline() {
        #expect(allowed(key("officer", .officer), .baselineImport))
        #expect(allowed(key("coordinator", .coordinator), .baselineImport))
        #expect(!allowed(key("viewer", .viewer), .baselineImport))
    }

    @Test func helpDesksWardsAndDispatchersGetNothing() {
        for role in [Role.intake, .ward, .dispatcher] {
            for report in StatsQueryMessage.Report.allCases.map(Optional.some) + [nil] {
                #expect(!allowed(key("k", role), report), "\(role) \(String(describing: report))")
            }
        }
    }

    @Test func anUnreadableQueryIsLeftToReadersToLearnWhatIsWrong() {
        #expect(allowed(key("viewer", .viewer), nil))
        #expect(!allowed(key("intake", .intake), nil))
    }

    @Test func aRevokedKeyIsRefusedWhateverItsRole() {
        let decision = StatsAccessPolicy.decide(userID: "old", identity: key("old", .officer, revoked: true), report: .stats)
        #expect(decision == .refuse("the key of old is revoked"))
    }

    @Test func aConnectionWithoutAKnownIdentityIsRefused() {
        #expect(StatsAccessPolicy.decide(userID: nil, identity: nil, report: .stats) == .refuse("unauthenticated connection"))
        #expect(StatsAccessPolicy.decide(userID: "gone", identity: nil, report: .stats) == .refuse("unauthenticated connection"))
        // A registry answer for another name never stands in for the connection's own.
        #expect(!allowedAs(userID: "intake", identity: key("viewer", .viewer)))
    }

    @Test func theRefusalNamesTheIdentityRoleAndWhatItTried() {
        let decision = StatsAccessPolicy.decide(userID: "viewer", identity: key("viewer", .viewer), report: .baselineImport)
        guard case .refuse(let reason) = decision else {
            Issue.record("a viewer imported the baseline")
            return
        }
        #expect(reason.contains("viewer (viewer)") && reason.contains("baseline"))
    }

    private func allowedAs(userID: String, identity: AuthorizedKey) -> Bool {
        StatsAccessPolicy.decide(userID: userID, identity: identity, report: .stats) == .allow
    }
}

/// A query for a district the coordinator does not follow is an error naming the ones it does, not an empty table.
struct StatsDistrictTests {
    @Test func anUnknownDistrictIsAnErrorListingTheKnownOnes() async throws {
        let engine = try await StatsEngine(store: SQLiteFactStore())
        var query = StatsQueryMessage(report: .stats, by: .ward)
        query.district = "250"
        let refused = await StatsQuery.answer(WireJSON.encode(query), engine: engine, districts: ["007"])
        let error = #expect(throws: WireError.self) { try WireJSON.decodeReply(StatsAnswer.self, from: refused) }
        #expect(error?.code == .invalidRequest && error?.message.contains("007") == true, "\(String(describing: error))")
        query.district = "007"
        let answered = await StatsQuery.answer(WireJSON.encode(query), engine: engine, districts: ["007"])
        #expect((try? WireJSON.decode(StatsAnswer.self, from: answered)) != nil)
    }
}
