import Foundation
import Testing
@testable import WardWorker
import XungKich
import XungKichWire

/// Sends a command to the control endpoint; returns the answer's bytes.
private func send(_ json: String, to book: CaseBook) async -> [UInt8] {
    await TeamCommands.handle(Array(json.utf8), book: book)
}

/// The refusal an answer carries, or nil when it is an answer of type `T`.
private func refusal<T: Decodable>(_ type: T.Type, _ answer: [UInt8]) -> WireError? {
    do {
        _ = try WireJSON.decodeReply(T.self, from: answer)
        return nil
    } catch {
        return error
    }
}

@Suite("Team commands: the control endpoint's answers", .serialized)
struct TeamCommandsTests {
    @Test("an unknown command is refused as invalid-request, listing the commands there are")
    func unknownCommand() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let error = try #require(refusal(CaseAnswer.self, await send(#"{"command":"close","id":"007-0000042"}"#, to: disk.book)))
        #expect(error.code == .invalidRequest)
        #expect(error.problems.map(\.field) == ["command"])
        for command in ControlCommand.Name.allCases {
            #expect(error.message.contains(command.rawValue), "\(error.message) should list \(command.rawValue)")
        }
        #expect(!error.retryable)
    }

    @Test("a body that is not a command is refused as malformed")
    func notACommand() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        #expect(refusal(CaseAnswer.self, await send("accept 007-0000042", to: disk.book))?.code == .malformed)
        #expect(refusal(CaseAnswer.self, await send(#"{"id":"007-0000042"}"#, to: disk.book))?.code == .malformed)
        let twice = refusal(CaseAnswer.self, await send(#"{"command":"guide","command":"fail","id":"007-0000042"}"#, to: disk.book))
        #expect(twice?.code == .duplicateKey)
        #expect(twice?.problems.map(\.field) == ["command"])
    }

    @Test("a step on a case this ward does not have is refused as not-found")
    func unknownCase() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let error = try #require(refusal(CaseAnswer.self, await send(
            #"{"command":"accept","id":"007-0009999","team":"00286-T01"}"#, to: disk.book)))
        #expect(error.code == .notFound)
        #expect(error.message.contains("007-0009999"))
        #expect(!error.retryable)
    }

    @Test("list with a state that is not a RequestState is refused as invalid-request naming state")
    func listWithUnknownState() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let error = try #require(refusal(CaseList.self, await send(#"{"command":"list","state":"DONE"}"#, to: disk.book)))
        #expect(error.code == .invalidRequest)
        #expect(error.problems.map(\.field) == ["state"])
        #expect(error.message.contains("WAITING_CITIZEN"))
        let empty = try WireJSON.decodeReply(CaseList.self, from: await send(#"{"command":"list","state":"ACCEPTED"}"#, to: disk.book))
        #expect(empty.cases.isEmpty)
    }

    @Test("a step missing its argument is refused naming the field; a step that does not fit is a conflict")
    func refusedSteps() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        let noTeam = refusal(CaseAnswer.self, await send(#"{"command":"accept","id":"007-0000042"}"#, to: disk.book))
        #expect(noTeam?.code == .invalidRequest)
        #expect(noTeam?.problems.map(\.field) == ["team"])
        let badReason = refusal(CaseAnswer.self, await send(#"{"command":"wait","id":"007-0000042","waitReason":"lunch"}"#, to: disk.book))
        #expect(badReason?.code == .invalidRequest)
        #expect(badReason?.problems.map(\.field) == ["waitReason"])
        let tooEarly = refusal(CaseAnswer.self, await send(#"{"command":"guide","id":"007-0000042"}"#, to: disk.book))
        #expect(tooEarly?.code == .conflict)
        #expect(tooEarly?.message.contains("ASSIGNED") == true)
        #expect(partials.count == 1)
        try await guide(disk.book)
        _ = await waiting.value
    }

    @Test("steps and list answer typed: the case after the step, the citizen's phone masked")
    func answers() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        let accepted = try WireJSON.decodeReply(CaseAnswer.self, from: await send(
            #"{"command":"accept","id":"007-0000042","team":"00286-T01"}"#, to: disk.book))
        #expect(accepted.case.state == .accepted)
        #expect(accepted.case.team == Fixture.team)
        _ = try WireJSON.decodeReply(CaseAnswer.self, from: await send(#"{"command":"contact","id":"007-0000042","note":"gọi lại"}"#, to: disk.book))
        let waitingCitizen = try WireJSON.decodeReply(CaseAnswer.self, from: await send(
            #"{"command":"wait","id":"007-0000042","waitReason":"missing_documents"}"#, to: disk.book))
        #expect(waitingCitizen.case.waitReason == .missingDocuments)
        #expect(try partials.reports().last == WorkerReport(state: .waitingCitizen, update: 4, team: Fixture.team,
                                                            waitReason: .missingDocuments))

        let list = try WireJSON.decodeReply(CaseList.self, from: await send(#"{"command":"list","team":"00286-T01"}"#, to: disk.book))
        let shown = try #require(list.cases.first)
        #expect(list.cases.count == 1)
        #expect(shown.state == .waitingCitizen)
        #expect(shown.citizen == CaseSummary.Citizen(name: "Bà Lan", phone: "091****678", ageBand: .from70To79))
        #expect(!String(decoding: await send(#"{"command":"list"}"#, to: disk.book), as: UTF8.self).contains("0912345678"))
        #expect(try WireJSON.decodeReply(CaseList.self, from: await send(#"{"command":"list","team":"00286-T04"}"#, to: disk.book))
            .cases.isEmpty)

        let team = try WireJSON.decodeReply(TeamAnswer.self, from: await send(
            #"{"command":"team","team":"00286-T04","available":false}"#, to: disk.book))
        #expect(team == TeamAnswer(team: "00286-T04", available: false))
        #expect(refusal(TeamAnswer.self, await send(#"{"command":"team","team":"00241-T01"}"#, to: disk.book))?.code == .notFound)

        let resolved = try WireJSON.decodeReply(CaseAnswer.self, from: await send(
            #"{"command":"submit","id":"007-0000042","mode":"toan-trinh","legacyLevel":4,"dossiers":["000.00.07.H26-230519-0001"]}"#,
            to: disk.book))
        #expect(resolved.case.outcome == .submittedFullOnline)
        #expect(try Fixture.report(await waiting.value.first).dossiers == [Fixture.dossier])
    }

    @Test("a step the store could not save is answered as retryable store-unavailable")
    func storeFailure() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        try disk.execute(failUpdates)
        let error = try #require(refusal(CaseAnswer.self, await send(
            #"{"command":"accept","id":"007-0000042","team":"00286-T01"}"#, to: disk.book)))
        #expect(error.code == .storeUnavailable)
        #expect(error.retryable)
        #expect(partials.count == 1)
        try disk.execute("DROP TRIGGER t")
        try await guide(disk.book)
        _ = await waiting.value
    }

    /// The previous release's `xk case wait --reason …` and `xk case fail --reason …` sent the reason as
    /// `reason`; an officer's older `xk` must still be able to record a step on a newer worker.
    @Test("the previous release's xk case wait and fail bodies (\"reason\") are still understood")
    func previousReleaseReason() async throws {
        let disk = try BookOnDisk.make()
        defer { disk.remove() }
        let partials = SentPartials()
        let waiting = Task { await disk.book.deliver(delivery(partials: partials)) }
        #expect(try await eventually { partials.count == 1 })
        for step in [#"{"command":"accept","id":"007-0000042","team":"00286-T01"}"#, #"{"command":"contact","id":"007-0000042"}"#] {
            _ = try WireJSON.decodeReply(CaseAnswer.self, from: await send(step, to: disk.book))
        }
        let paused = await send(#"{"command":"wait","id":"007-0000042","reason":"missing_documents"}"#, to: disk.book)
        #expect(refusal(CaseAnswer.self, paused) == nil, "\(String(decoding: paused, as: UTF8.self))")
        #expect((try? WireJSON.decodeReply(CaseAnswer.self, from: paused))?.case.waitReason == .missingDocuments)
        let failed = await send(#"{"command":"fail","id":"007-0000042","reason":"PORTAL_ERROR"}"#, to: disk.book)
        #expect(refusal(CaseAnswer.self, failed) == nil, "\(String(decoding: failed, as: UTF8.self))")
        if refusal(CaseAnswer.self, failed) != nil {
            // Let the delivery finish however the step was answered.
            _ = await disk.book.apply(.fail(reason: .portalError, note: nil), to: Fixture.id)
        }
        #expect(try Fixture.report(await waiting.value.first).failureReason == .portalError)
    }
}
