import Foundation
import Testing
import WardWorker
import XungKich
import XungKichWire

@Suite("Case life cycle: allowed transitions")
struct CaseLifecycleTests {
    @Test func newCaseIsAssignedWithOneEvent() {
        let c = Fixture.assigned()
        #expect(c.state == .assigned)
        #expect(c.team == Fixture.team)
        #expect(c.history == [CaseEvent(at: 1000, kind: "assigned", state: .assigned, team: Fixture.team)])
        #expect(c.isOpen)
        #expect(c.assignedAt == 1000)
    }

    @Test func caseWithoutTeamStartsTriaged() {
        let c = WardCase(id: "007-0000001", ward: "00286", field: "G99-XX01", procedure: "1.000000", team: nil, createdAt: 5)
        #expect(c.state == .triaged)
        #expect(c.history.first?.kind == "received")
    }

    @Test func acceptByAssignedTeam() throws {
        var c = Fixture.assigned()
        let change = try c.apply(.accept(team: Fixture.team), now: 1100)
        #expect(change == .progress(WorkerReport(state: .accepted, team: Fixture.team)))
        #expect(c.state == .accepted)
        #expect(c.history.last == CaseEvent(at: 1100, kind: "accept", state: .accepted, team: Fixture.team))
    }

    @Test func contactMovesToInProgressAndKeepsNoteLocal() throws {
        var c = try Fixture.inState(.accepted)
        let change = try c.apply(.contact(note: "  Bà Lan, gọi 0912345678  "), now: 1200)
        #expect(change == .progress(WorkerReport(state: .inProgress, team: Fixture.team)))
        #expect(c.state == .inProgress)
        #expect(c.history.last?.note == "Bà Lan, gọi 0912345678")
        let body = String(decoding: change.body ?? [], as: UTF8.self)
        #expect(body == #"{"state":"IN_PROGRESS","team":"00286-T01"}"#)
    }

    @Test func contactAgainWhileInProgressIsLogged() throws {
        var c = try Fixture.inState(.inProgress)
        let before = c.history.count
        let change = try c.apply(.contact(note: "gọi lại"), now: 1300)
        #expect(change == .progress(WorkerReport(state: .inProgress, team: Fixture.team)))
        #expect(c.history.count == before + 1)
    }

    @Test func waitThenResume() throws {
        var c = try Fixture.inState(.inProgress)
        let paused = try c.apply(.wait(reason: .vneidAtPolice), now: 1400)
        #expect(paused == .progress(WorkerReport(state: .waitingCitizen, team: Fixture.team, waitReason: .vneidAtPolice)))
        #expect(c.state == .waitingCitizen)
        #expect(c.waitReason == .vneidAtPolice)
        #expect(String(decoding: paused.body ?? [], as: UTF8.self)
            == #"{"state":"WAITING_CITIZEN","team":"00286-T01","waitReason":"vneid_at_police"}"#)
        #expect(try Fixture.report(paused.body).waitReason == .vneidAtPolice)

        let resumed = try c.apply(.resume, now: 1500)
        #expect(resumed == .progress(WorkerReport(state: .inProgress, team: Fixture.team)))
        #expect(c.state == .inProgress)
        #expect(c.waitReason == nil)
    }

    @Test func waitAgainChangesTheReason() throws {
        var c = try Fixture.inState(.waitingCitizen)
        _ = try c.apply(.wait(reason: .reschedule), now: 1600)
        #expect(c.state == .waitingCitizen)
        #expect(c.waitReason == .reschedule)
    }

    @Test func contactEndsWaiting() throws {
        var c = try Fixture.inState(.waitingCitizen)
        _ = try c.apply(.contact(note: nil), now: 1600)
        #expect(c.state == .inProgress)
        #expect(c.waitReason == nil)
    }

    static let resolutions: [(CaseCommand, Outcome)] = [
        (Fixture.submit, .submittedFullOnline),
        (.submit(mode: .partial, legacyLevel: nil, dossiers: [Fixture.dossier], portal: nil), .submittedPartialOnline),
        (.guide, .guidedOnly),
        (.vneid, .vneidOnly),
        (.refer(to: .oneStop), .referredOneStop),
        (.refer(to: .policeVNeID), .referredPoliceVNeID),
        (.fail(reason: .noVNeIDLevel2, note: nil), .failed),
    ]

    @Test(arguments: resolutions, [RequestState.inProgress, .waitingCitizen])
    func resolvesFromWorkingStates(_ resolution: (CaseCommand, Outcome), from state: RequestState) throws {
        var c = try Fixture.inState(state)
        let change = try c.apply(resolution.0, now: 2000)
        guard case let .resolved(r) = change else {
            Issue.record("expected a resolution, got \(change)")
            return
        }
        #expect(r.outcome == resolution.1)
        #expect(r.team == Fixture.team)
        #expect(c.state == .resolved)
        #expect(c.resolution == r)
        #expect(c.waitReason == nil)
        #expect(!c.isOpen)
        #expect(c.history.last?.kind == resolution.0.name)
        #expect(c.history.last?.state == .resolved)
    }

    @Test(arguments: [RequestState.assigned, .accepted])
    func declineByAssignedTeam(from state: RequestState) throws {
        var c = try Fixture.inState(state)
        let change = try c.apply(.decline(team: Fixture.team), now: 1700)
        #expect(change == .declined(team: Fixture.team))
        #expect(change.body == nil)
        #expect(c.state == .triaged)
        #expect(c.team == nil)
        #expect(c.declinedTeams == [Fixture.team])
        #expect(c.history.last == CaseEvent(at: 1700, kind: "decline", state: .triaged, team: Fixture.team))
    }

    @Test func reassignAfterDecline() throws {
        var c = try Fixture.inState(.triaged)
        try c.assign(to: Fixture.otherTeam, now: 1800)
        #expect(c.state == .assigned)
        #expect(c.team == Fixture.otherTeam)
        #expect(c.assignedAt == 1800)
        _ = try c.apply(.accept(team: Fixture.otherTeam), now: 1900)
        #expect(c.state == .accepted)
        #expect(c.declinedTeams == [Fixture.team])
    }

    @Test func reassignRefusedOnceAccepted() throws {
        var c = try Fixture.inState(.accepted)
        do {
            try c.assign(to: Fixture.otherTeam, now: 1800)
            Issue.record("reassigning an accepted case should be refused")
        } catch {
            #expect(error.message.contains("ACCEPTED"))
            #expect(error.message.contains("xk case decline \(Fixture.id) --team \(Fixture.team)"))
        }
        #expect(c.team == Fixture.team)
    }

    /// A full walk through every working state: each event appends once and every state change
    /// in the history is a legal step of XungKich's ``RequestState``.
    @Test func historyFollowsRequestStateRules() throws {
        var c = Fixture.assigned()
        let walk: [CaseCommand] = [
            .decline(team: Fixture.team),
        ]
        for step in walk { _ = try c.apply(step, now: 1001) }
        try c.assign(to: Fixture.otherTeam, now: 1002)
        let rest: [CaseCommand] = [
            .accept(team: Fixture.otherTeam), .contact(note: nil), .wait(reason: .missingDocuments),
            .resume, .contact(note: "đủ giấy"), .wait(reason: .other), .contact(note: nil), Fixture.submit,
        ]
        for (i, step) in rest.enumerated() { _ = try c.apply(step, now: 1003 + Double(i)) }
        #expect(c.history.count == 1 + walk.count + 1 + rest.count)
        #expect(c.history.map(\.at) == c.history.map(\.at).sorted())
        for (a, b) in zip(c.history, c.history.dropFirst()) where a.state != b.state {
            #expect(a.state.canTransition(to: b.state), "\(a.state) → \(b.state)")
        }
        #expect(c.resolution?.team == Fixture.otherTeam)
    }

    @Test func caseSurvivesJSONRoundTrip() throws {
        var c = try Fixture.inState(.waitingCitizen)
        _ = try c.apply(.fail(reason: .other, note: "máy hỏng"), now: 3000)
        let data = try JSONEncoder().encode(c)
        #expect(try JSONDecoder().decode(WardCase.self, from: data) == c)
    }
}
