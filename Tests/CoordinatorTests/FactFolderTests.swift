import Coordinator
import Foundation
import Testing
import XungKich
import XungKichWire

/// Events as a dispatcher sends them (JSON bytes, decoded as `WireEvent`) folded into a request's fact.
@Suite("Folding dispatcher events into facts")
struct FactFolderTests {
    private func wire(_ json: String) throws(WireError) -> WireEvent {
        try WireJSON.decode(WireEvent.self, from: Array(json.utf8))
    }

    @Test("an accepted event sets what the request is, in the domain's vocabulary")
    func accepted() throws {
        let event = try wire("""
            {"seq": 1, "at": 1700000000, "kind": "accepted", "state": "TRIAGED", "requestId": "007-0000001",
             "ward": "00286", "detail": {"procedure": "1.001193", "field": "G15-TP07", "priority": true,
             "helpType": "submit_dossier", "channel": "door_to_door", "ageBand": "80_plus",
             "residentialGroup": "TDP 5", "citizen": "k1"}}
            """)
        var fact = RequestFact(district: "007", requestID: "007-0000001", ward: "")
        FactFolder.fold(event, into: &fact)
        #expect(fact.ward == "00286")
        #expect([fact.procedure, fact.field, fact.channel, fact.helpType, fact.ageBand, fact.residentialGroup, fact.citizen]
            == ["1.001193", "G15-TP07", "door_to_door", "submit_dossier", "80_plus", "TDP 5", "k1"])
        #expect(fact.priority == true)
        #expect(fact.receivedAt == 1_700_000_000)
        #expect(fact.currentState == .triaged)
    }

    @Test("a resolution keeps its outcome, mode and legacy level; its dossier list becomes a count")
    func resolved() throws {
        let event = try wire("""
            {"seq": 9, "at": 1700003600.5, "kind": "resolved", "state": "RESOLVED", "requestId": "007-0000001",
             "ward": "00286", "detail": {"outcome": "SUBMITTED_FULL_ONLINE", "mode": "toan-trinh", "legacyLevel": 4,
             "dossiers": ["000.00.07.H26-231123-0001", "000.00.07.H26-231123-0002"], "team": "00286-T01", "update": 6}}
            """)
        var fact = RequestFact(district: "007", requestID: "007-0000001", ward: "00286")
        FactFolder.fold(event, into: &fact)
        #expect(fact.outcome == "SUBMITTED_FULL_ONLINE")
        #expect(fact.mode == "toan-trinh")
        #expect(fact.legacyLevel == 4)
        #expect(fact.dossierCount == 2)
        #expect(fact.resolvedAt == 1_700_003_600.5)
        #expect(fact.team == "00286-T01")
        // Resolved by a team never seen assigned: it still counts as one assignment.
        #expect(fact.assignments == 1)
    }

    @Test("waiting for the citizen pauses the clock: 600 s waited between WAITING_CITIZEN and the next report")
    func waiting() {
        var fact = RequestFact(district: "007", requestID: "R", ward: "00286")
        func progress(_ at: Double, _ state: RequestState) -> WireEvent {
            var detail = EventDetail()
            detail.team = "00286-T01"
            detail.state = state
            return WireEvent(seq: 1, at: at, kind: .progress, state: state, detail: detail, requestId: "R", ward: "00286")
        }
        FactFolder.fold(progress(100, .inProgress), into: &fact)
        FactFolder.fold(progress(200, .waitingCitizen), into: &fact)
        #expect(fact.waitingSince == 200)
        FactFolder.fold(progress(800, .inProgress), into: &fact)
        #expect(fact.waitedSeconds == 600)
        #expect(fact.waitingSince == nil)
        #expect(fact.firstContactAt == 100, "the first contact stays the first")
    }

    @Test("a cancellation without a state still closes the request")
    func cancelledWithoutState() {
        var fact = RequestFact(district: "007", requestID: "R", ward: "00286")
        fact.state = RequestState.assigned.rawValue
        FactFolder.fold(WireEvent(seq: 2, at: 5, kind: .cancelled, state: nil, detail: nil, requestId: "R", ward: "00286"),
                        into: &fact)
        #expect(fact.currentState == .cancelled)
    }

    @Test("a value outside the domain's vocabulary (a newer dispatcher's) is set aside, never folded as text")
    func unknownVocabulary() throws {
        let event = try wire(#"{"seq": 1, "at": 0, "kind": "resolved", "state": "RESOLVED", "requestId": "R", "ward": "00286", "detail": {"outcome": "SOLVED", "team": "00286-T01"}}"#)
        #expect(event.detail?.unrecognized == ["outcome": "SOLVED"])
        var fact = RequestFact(district: "007", requestID: "R", ward: "00286")
        FactFolder.fold(event, into: &fact)
        #expect(fact.outcome == nil, "an unknown outcome is not counted as one")
        #expect(fact.state == RequestState.resolved.rawValue)
        let accepted = try wire(#"{"seq": 2, "at": 0, "kind": "accepted", "detail": {"channel": "home_visit", "procedure": "1.001193"}}"#)
        #expect(accepted.detail?.channel == nil)
        #expect(accepted.detail?.procedure == "1.001193")
    }

    @Test("an event without its request keeps its place in the sequence but changes no statistics")
    func eventWithoutRequest() async throws {
        let engine = try await StatsEngine(store: SQLiteFactStore())
        let orphan = CoordinatorEvent(district: "007", event: WireEvent(seq: 1, at: 0, kind: .accepted, state: .triaged,
                                                                         detail: nil, requestId: nil, ward: "00286"))
        #expect(!orphan.isFoldable)
        try await engine.apply([orphan])
        #expect(await engine.lastSequence(district: "007") == 1)
        #expect(await engine.factCount == 0)
    }
}
