import Foundation
import WardWorker
import XungKich
import XungKichWire

/// Ids used throughout: a Bạch Mai (00286) case for a Hộ tịch procedure, assigned to team 1.
enum Fixture {
    static let id: RequestID = "007-0000042"
    static let ward: WardCode = "00286"
    static let team: TeamID = "00286-T01"
    static let otherTeam: TeamID = "00286-T04"
    static let dossier = "000.00.07.H26-230519-0001"

    /// A fresh ASSIGNED case, created at t = 1000.
    static func assigned() -> WardCase {
        WardCase(id: id, ward: ward, field: "G15-TP07", procedure: "1.001193", team: team, createdAt: 1000)
    }

    /// A case walked to `state` through the ordinary commands (TRIAGED = declined).
    static func inState(_ state: RequestState) throws -> WardCase {
        var c = assigned()
        let steps: [CaseCommand] = switch state {
        case .assigned: []
        case .accepted: [.accept(team: team)]
        case .inProgress: [.accept(team: team), .contact(note: nil)]
        case .waitingCitizen: [.accept(team: team), .contact(note: nil), .wait(reason: .missingDocuments)]
        case .resolved: [.accept(team: team), .contact(note: nil), .guide]
        case .triaged: [.decline(team: team)]
        case .new, .closed, .cancelled: []
        }
        for (i, step) in steps.enumerated() { _ = try c.apply(step, now: 1001 + Double(i)) }
        return c
    }

    /// A valid submission.
    static let submit = CaseCommand.submit(mode: .fullProcess, legacyLevel: 4, dossiers: [dossier], portal: "dichvucong.gov.vn")

    /// One command of every kind, all valid in themselves.
    static let everyCommand: [CaseCommand] = [
        .accept(team: team), .contact(note: "gọi lúc 9h"), .wait(reason: .reschedule), .resume, submit,
        .guide, .vneid, .refer(to: .oneStop), .fail(reason: .portalError, note: nil), .decline(team: team),
    ]

    /// The repository's district config for Hai Bà Trưng, found from this file.
    static func haiBaTrung() throws -> DistrictConfig {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // WardWorkerTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("config/hai-ba-trung.yaml").path
        return try DistrictConfig.load(path: path)
    }

    /// The Hai Bà Trưng config with the given teams marked inactive.
    static func haiBaTrung(deactivating ids: Set<String>) throws -> DistrictConfig {
        let real = try haiBaTrung()
        let teams = real.teams.map { team in
            var team = team
            if ids.contains(team.id) { team.active = false }
            return team
        }
        return DistrictConfig(district: real.district, fields: real.fields, procedures: real.procedures, teams: teams)
    }

    /// A body the worker sends to the dispatcher, read as the dispatcher reads it.
    /// A report as the dispatcher reads it, without its action time (``timedReport(_:)`` keeps it).
    static func report(_ bytes: [UInt8]?) throws -> WorkerReport {
        var report = try timedReport(bytes)
        report.at = nil
        return report
    }

    static func timedReport(_ bytes: [UInt8]?) throws -> WorkerReport {
        try WireJSON.decode(WorkerReport.self, from: bytes ?? [])
    }
}
