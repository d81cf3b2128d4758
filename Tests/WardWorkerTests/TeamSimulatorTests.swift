@testable import WardWorker
import Testing
import XungKich

@Suite("Simulated teams")
struct TeamSimulatorTests {
    @Test("scripts go accept → contact → (wait → resume) → an outcome from the mix, as a person would")
    func script() {
        let simulator = TeamSimulator(meanStepSeconds: 0, outcomes: [(.guidedOnly, 1)])
        for _ in 0..<50 {
            let steps = simulator.script(team: "00286-T01")
            #expect(steps.first == .accept(team: "00286-T01"))
            #expect(steps.dropFirst().first == .contact(note: nil))
            #expect(steps.last == .guide)
        }
    }

    @Test("the default mix is mostly online, with a real share failing")
    func defaultMix() {
        let simulator = TeamSimulator()
        var counts: [Outcome: Int] = [:]
        for _ in 0..<5000 { counts[simulator.drawOutcome(), default: 0] += 1 }
        let online = (counts[.submittedFullOnline] ?? 0) + (counts[.submittedPartialOnline] ?? 0)
        #expect(online > 2500 && online < 3000, "≈55 % online, got \(online)/5000")
        #expect((counts[.failed] ?? 0) > 600, "≈15 % failed")
    }

    @Test("an outcome mix is read from OUTCOME=WEIGHT pairs, and a bad one is refused with the allowed names")
    func parse() throws {
        let mix = try TeamSimulator.parseOutcomes("SUBMITTED_FULL_ONLINE=3, failed=1")
        #expect(mix.map(\.outcome) == [.submittedFullOnline, .failed])
        #expect(mix.map(\.weight) == [3, 1])
        #expect(throws: SimulationError.self) { try TeamSimulator.parseOutcomes("DUPLICATE=1") }
        #expect(throws: SimulationError.self) { try TeamSimulator.parseOutcomes("FAILED=-1") }
        #expect(throws: SimulationError.self) { try TeamSimulator.parseOutcomes("FAILED=0") }
    }
}
