import Foundation
import XungKich

/// `xk worker --simulate`: plays the ward's teams through the same commands a person would type, with
/// random timings and a plausible outcome mix — most cases end online, a real share fail on VNeID or
/// missing papers — so demos and load tests exercise the real code paths.
public struct TeamSimulator: Sendable {
    /// Mean seconds between a case's steps (accept, contact, resolution).
    public var meanStepSeconds: Double = 2

    public init(meanStepSeconds: Double = 2) { self.meanStepSeconds = meanStepSeconds }

    /// Walks one case to its end. After a restart a case may be part-way: steps that no longer apply
    /// (accepting an accepted case) are refused by the life cycle and skipped.
    public func play(_ id: String, book: CaseBook) async {
        guard let team = await book.list(team: nil, state: nil).first(where: { $0.0.id == id })?.0.team else { return }
        for command in script(team: team) {
            try? await Task.sleep(for: .milliseconds(Int64(Double.random(in: 0.5...1.5) * meanStepSeconds * 1000)))
            if case .failure(let refusal) = await book.apply(command, to: id), refusal.message.hasPrefix("no case") { return }
        }
    }

    /// Accept, contact, maybe a wait, then an outcome drawn from the mix.
    func script(team: String) -> [CaseCommand] {
        var steps: [CaseCommand] = [.accept(team: team), .contact(note: nil)]
        if Double.random(in: 0..<1) < 0.15 { steps += [.wait(reason: .missingDocuments), .resume] }
        let dossier = String(format: "000.00.07.H26-%@-%04d", Self.today(), Int.random(in: 1...9999))
        let roll = Double.random(in: 0..<1)
        switch roll {
        case ..<0.40: steps.append(.submit(mode: .fullProcess, legacyLevel: 4, dossiers: [dossier], portal: "dichvucong.gov.vn"))
        case ..<0.55: steps.append(.submit(mode: .partial, legacyLevel: 3, dossiers: [dossier], portal: "dichvucong.hanoi.gov.vn"))
        case ..<0.68: steps.append(.vneid)
        case ..<0.76: steps.append(.guide)
        case ..<0.81: steps.append(.refer(to: .policeVNeID))
        case ..<0.85: steps.append(.refer(to: .oneStop))
        default:
            let reasons: [FailureReason] = [.noVNeIDLevel2, .vneidLoginIssue, .missingDocuments, .portalError, .citizenUnreachable]
            steps.append(.fail(reason: reasons.randomElement() ?? .missingDocuments, note: nil))
        }
        return steps
    }

    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyMMdd"
        return formatter.string(from: Date())
    }
}
