import Testing
import WardWorker
import XungKich

/// A command refused in a state, and what its message must say: the state and the way out.
struct Refusal: Sendable, CustomTestStringConvertible {
    let state: RequestState
    let command: CaseCommand
    let mentions: [String]
    var testDescription: String { "\(command.name) in \(state.rawValue)" }
}

private let id = Fixture.id
private let acceptFirst = "accept it first (xk case accept \(id) --team \(Fixture.team))"
private let contactFirst = "contact the citizen first (xk case contact \(id))"
private let endings = "xk case submit|guide|vneid|refer|fail \(id)"

/// Every command, plus accept and decline by a team the case is not assigned to.
private let allCommands = Fixture.everyCommand + [.accept(team: Fixture.otherTeam), .decline(team: Fixture.otherTeam)]

private let refusals: [Refusal] = {
    var rows: [Refusal] = []
    // ASSIGNED: everything but accept/decline waits for acceptance; others' accept/decline refused.
    for command in Fixture.everyCommand where command.name != "accept" && command.name != "decline" {
        rows.append(Refusal(state: .assigned, command: command, mentions: ["ASSIGNED", acceptFirst]))
    }
    rows.append(Refusal(state: .assigned, command: .accept(team: Fixture.otherTeam),
                        mentions: ["assigned to \(Fixture.team), not \(Fixture.otherTeam)", "only the assigned team can accept"]))
    rows.append(Refusal(state: .assigned, command: .decline(team: Fixture.otherTeam),
                        mentions: ["assigned to \(Fixture.team), not \(Fixture.otherTeam)", "only the assigned team can decline"]))
    // ACCEPTED: nothing but contact (or decline) until the citizen is reached.
    rows.append(Refusal(state: .accepted, command: .accept(team: Fixture.team),
                        mentions: ["ACCEPTED by \(Fixture.team) already", "xk case contact \(id)"]))
    for command in Fixture.everyCommand where !["accept", "contact", "decline"].contains(command.name) {
        rows.append(Refusal(state: .accepted, command: command, mentions: ["ACCEPTED", contactFirst]))
    }
    rows.append(Refusal(state: .accepted, command: .decline(team: Fixture.otherTeam),
                        mentions: ["not \(Fixture.otherTeam)", "only the assigned team can decline"]))
    rows.append(Refusal(state: .accepted, command: .accept(team: Fixture.otherTeam),
                        mentions: ["ACCEPTED by \(Fixture.team) already", "xk case contact \(id)"]))
    // IN_PROGRESS / WAITING_CITIZEN: no accepting again, no declining, no resuming when not waiting.
    for team in [Fixture.team, Fixture.otherTeam] {
        rows.append(Refusal(state: .inProgress, command: .accept(team: team), mentions: ["IN_PROGRESS", endings]))
        rows.append(Refusal(state: .inProgress, command: .decline(team: team),
                            mentions: ["IN_PROGRESS", "can no longer be declined", "xk case fail \(id) --reason"]))
        rows.append(Refusal(state: .waitingCitizen, command: .accept(team: team),
                            mentions: ["WAITING_CITIZEN (missing_documents)", "xk case resume \(id)", endings]))
        rows.append(Refusal(state: .waitingCitizen, command: .decline(team: team),
                            mentions: ["WAITING_CITIZEN (missing_documents)", "xk case refer \(id) --to one-stop"]))
    }
    rows.append(Refusal(state: .inProgress, command: .resume, mentions: ["IN_PROGRESS", "not waiting", "nothing to resume"]))
    // RESOLVED and TRIAGED (after a decline, until reassigned): everything, whichever team.
    for command in allCommands {
        rows.append(Refusal(state: .resolved, command: command, mentions: ["RESOLVED (GUIDED_ONLY)", "nothing more"]))
        rows.append(Refusal(state: .triaged, command: command, mentions: ["TRIAGED", "assigned to a team again"]))
    }
    return rows
}()

@Suite("Case life cycle: refused transitions")
struct CaseRefusalTests {
    @Test(arguments: refusals)
    func refused(_ row: Refusal) throws {
        var c = try Fixture.inState(row.state)
        let before = c
        do {
            let change = try c.apply(row.command, now: 9999)
            Issue.record("\(row.testDescription) was allowed: \(change)")
        } catch {
            #expect(error.caseID == id)
            #expect(error.message.hasPrefix("case \(id) "))
            for text in row.mentions {
                #expect(error.message.contains(text), "\(error.message) should mention \(text)")
            }
        }
        #expect(c == before, "a refused command must not change the case")
    }

    /// Every command in every ward state is either allowed or in the table above, so no
    /// combination goes untested.
    @Test func tableCoversEveryRefusal() throws {
        let states: [RequestState] = [.assigned, .accepted, .inProgress, .waitingCitizen, .resolved, .triaged]
        for state in states {
            for command in allCommands {
                var c = try Fixture.inState(state)
                let allowed = (try? c.apply(command, now: 9999)) != nil
                let listed = refusals.contains { $0.state == state && $0.command == command }
                #expect(allowed != listed, "\(command.name) in \(state.rawValue): allowed \(allowed), in table \(listed)")
            }
        }
    }
}
