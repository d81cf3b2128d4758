import Foundation
import Testing
@testable import XungKich

@Suite("Domain model")
struct ModelTests {
    @Test func hanoiDaysStartAtMidnightUTCPlus7() throws {
        let day = try #require(HanoiDate.startOfDay("2025-01-01"))
        #expect(day.timeIntervalSince1970 == 1_735_664_400)  // 2024-12-31T17:00:00Z
        #expect(HanoiDate.isoDay(day) == "2025-01-01")
        #expect(HanoiDate.isoDay(day.addingTimeInterval(-1)) == "2024-12-31")
        #expect(HanoiDate.startOfDay("2024-02-29") != nil)
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-01T00:00", ""] {
            #expect(HanoiDate.startOfDay(bad) == nil, "\(bad)")
        }
    }

    @Test func validityIncludesTheWholeLastDay() throws {
        let from = try #require(HanoiDate.startOfDay("2020-01-01"))
        let to = try #require(HanoiDate.startOfDay("2024-12-31"))
        let ward = Ward(code: "00286", name: "Bạch Mai", kind: .ward, validFrom: from, validTo: to)
        #expect(!ward.isValid(on: from.addingTimeInterval(-1)))
        #expect(ward.isValid(on: from))
        #expect(ward.isValid(on: to.addingTimeInterval(86_399)))
        #expect(!ward.isValid(on: to.addingTimeInterval(86_400)))
        let current = Ward(code: "00286", name: "Bạch Mai", kind: .ward, validFrom: from)
        #expect(current.isValid(on: Date(timeIntervalSince1970: 4_000_000_000)))
    }

    @Test func vocabulariesMatchTheDomainReference() {
        #expect(Outcome.allCases.count == 10)
        #expect(FailureReason.allCases.count == 12)
        #expect(RequestState.allCases.count == 9)
        #expect(Outcome(rawValue: "REFERRED_POLICE_VNEID") == .referredPoliceVNeID)
        #expect(FailureReason(rawValue: "NO_VNEID_L2") == .noVNeIDLevel2)
        #expect(RequestState.waitingCitizen.rawValue == "WAITING_CITIZEN")
        #expect(Outcome.allCases.filter(\.isOnlineSubmission) == [.submittedFullOnline, .submittedPartialOnline])
        #expect(Outcome.allCases.filter(\.isAdministrativeClosure) == [.cancelled, .duplicate, .outOfScope])
        #expect(UnitKind(rawValue: "thị trấn") == .town)
        #expect(DistrictKind(rawValue: "huyện") == .rural)
    }

    @Test func enumsEncodeAsTheirRawValues() throws {
        let data = try JSONEncoder().encode([Outcome.vneidOnly])
        #expect(String(decoding: data, as: UTF8.self) == #"["VNEID_ONLY"]"#)
        let decoded = try JSONDecoder().decode([RequestState].self, from: Data(#"["IN_PROGRESS"]"#.utf8))
        #expect(decoded == [.inProgress])
    }

    @Test func requestLifecycle() {
        let happy: [RequestState] = [.new, .triaged, .assigned, .accepted, .inProgress,
                                     .waitingCitizen, .inProgress, .resolved, .closed]
        for (from, to) in zip(happy, happy.dropFirst()) {
            #expect(from.canTransition(to: to), "\(from) → \(to)")
        }
        #expect(RequestState.assigned.canTransition(to: .triaged))  // decline
        #expect(RequestState.resolved.canTransition(to: .inProgress))  // reopen
        #expect(!RequestState.new.canTransition(to: .resolved))
        #expect(RequestState.allCases.filter(\.isTerminal) == [.closed, .cancelled])
        let open = RequestState.allCases.filter { $0.open311Status == "open" }
        #expect(open == [.new, .triaged, .assigned, .accepted, .inProgress, .waitingCitizen])
    }
}
