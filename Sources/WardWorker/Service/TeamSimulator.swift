import Foundation
import XungKich

/// `xk worker --simulate`: plays the ward's teams through the same commands a person would type, with
/// random timings and an outcome mix — by default most cases end online and a real share fail on VNeID
/// or missing papers — so demos and load tests exercise the real code paths.
public struct TeamSimulator: Sendable {
    /// Mean seconds between a case's steps (accept, contact, resolution).
    public var meanStepSeconds: Double
    /// Relative weights of the outcomes the simulated teams reach.
    public var outcomes: [(outcome: Outcome, weight: Double)]
    /// Share of cases that pause on the citizen (missing papers) before their outcome.
    public var waitShare: Double = 0.15

    /// The default mix: 40 % toàn trình, 15 % một phần, 13 % VNeID only, 8 % guided, 5 % police VNeID,
    /// 4 % one-stop desk, 15 % failed.
    public static let defaultOutcomes: [(outcome: Outcome, weight: Double)] = [
        (.submittedFullOnline, 40), (.submittedPartialOnline, 15), (.vneidOnly, 13), (.guidedOnly, 8),
        (.referredPoliceVNeID, 5), (.referredOneStop, 4), (.failed, 15),
    ]

    public init(meanStepSeconds: Double = 2, outcomes: [(outcome: Outcome, weight: Double)] = TeamSimulator.defaultOutcomes) {
        self.meanStepSeconds = meanStepSeconds
        self.outcomes = outcomes
    }

    /// Reads a mix written `SUBMITTED_FULL_ONLINE=40,FAILED=15,…` (outcomes that need no operator action).
    public static func parseOutcomes(_ text: String) throws -> [(outcome: Outcome, weight: Double)] {
        let playable: Set<Outcome> = Set(defaultOutcomes.map(\.outcome))
        var result: [(outcome: Outcome, weight: Double)] = []
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let outcome = Outcome(rawValue: pair[0].uppercased()), playable.contains(outcome),
                  let weight = Double(pair[1]), weight >= 0
            else {
                throw SimulationError("\"\(part)\" is not OUTCOME=WEIGHT with OUTCOME one of "
                    + defaultOutcomes.map(\.outcome.rawValue).joined(separator: ", "))
            }
            result.append((outcome, weight))
        }
        guard result.contains(where: { $0.weight > 0 }) else { throw SimulationError("the outcome mix has no positive weight") }
        return result
    }

    /// Walks one case to its end. After a restart a case may be part-way: steps that no longer apply
    /// (accepting an accepted case) are refused by the life cycle and skipped.
    public func play(_ id: RequestID, book: CaseBook) async {
        guard let team = await book.team(of: id) else { return }
        for command in script(team: team) {
            while true {
                do {
                    try await Task.sleep(for: .milliseconds(Int64(Double.random(in: 0.5...1.5) * meanStepSeconds * 1000)))
                } catch {
                    return  // the worker is stopping
                }
                guard case .failure(let refusal) = await book.apply(command, to: id) else { break }
                if refusal.message.hasPrefix("no case") { return }
                // A step the store could not save is done again, as a team member would; any other refusal
                // (the case moved on) is skipped.
                if refusal.storeFailure == nil { break }
            }
        }
    }

    /// Accept, contact, maybe a wait, then an outcome drawn from the mix.
    func script(team: TeamID) -> [CaseCommand] {
        var steps: [CaseCommand] = [.accept(team: team), .contact(note: nil)]
        if Double.random(in: 0..<1) < waitShare { steps += [.wait(reason: .missingDocuments), .resume] }
        steps.append(resolution(drawOutcome()))
        return steps
    }

    func drawOutcome() -> Outcome {
        let total = outcomes.reduce(0) { $0 + $1.weight }
        var roll = Double.random(in: 0..<max(total, .leastNonzeroMagnitude))
        for (outcome, weight) in outcomes {
            if roll < weight { return outcome }
            roll -= weight
        }
        return outcomes.last(where: { $0.weight > 0 })?.outcome ?? .guidedOnly
    }

    func resolution(_ outcome: Outcome) -> CaseCommand {
        let dossier = String(format: "000.00.07.H26-%@-%04d", Self.today(), Int.random(in: 1...9999))
        switch outcome {
        case .submittedFullOnline: return .submit(mode: .fullProcess, legacyLevel: 4, dossiers: [dossier], portal: "dichvucong.gov.vn")
        case .submittedPartialOnline: return .submit(mode: .partial, legacyLevel: 3, dossiers: [dossier], portal: "dichvucong.hanoi.gov.vn")
        case .vneidOnly: return .vneid
        case .referredPoliceVNeID: return .refer(to: .policeVNeID)
        case .referredOneStop: return .refer(to: .oneStop)
        case .failed:
            let reasons: [FailureReason] = [.noVNeIDLevel2, .vneidLoginIssue, .missingDocuments, .portalError, .citizenUnreachable]
            return .fail(reason: reasons.randomElement() ?? .missingDocuments, note: nil)
        default: return .guide
        }
    }

    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyMMdd"
        return formatter.string(from: Date())
    }
}

/// A bad `--simulate-outcomes` value.
public struct SimulationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
