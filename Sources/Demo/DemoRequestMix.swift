import Foundation
import XungKich

/// Made-up help requests with a plausible mix, for `xk demo`: mostly elderly citizens, many VNeID problems,
/// the common civil-status and residence procedures more often than the rest, every channel, a few priority
/// flags. No real personal data: most requests are anonymous, and the rest carry an obviously invented
/// name ("Công dân thử 17") and a made-up number with consent, which the demo never prints or logs.
struct DemoRequestMix {
    /// Procedures met more often than the others (relative weight; the rest weigh 1).
    static let commonProcedures: [String: Int] = [
        "1.001193": 4, "1.004194": 4, "1.004222": 3, "2.000815": 3, "1.002755": 2, "1.000656": 2, "1.001699": 2,
    ]
    static let helpTypes: [(HelpType, Int)] = [
        (.submitDossier, 50), (.vneidRecovery, 18), (.vneidSetup, 10), (.information, 10), (.trackDossier, 7), (.payment, 5),
    ]
    static let channels: [(Channel, Int)] = [(.walkIn, 35), (.hotline, 25), (.zalo, 18), (.doorToDoor, 14), (.referral, 8)]
    /// Elderly-heavy, as the teams report; `nil`: not asked.
    static let ageBands: [(AgeBand?, Int)] = [
        (.from80, 14), (.from70To79, 24), (.from60To69, 24), (.from40To59, 14), (.from18To39, 12),
        (.under18, 2), (nil, 10),
    ]

    /// A per-run prefix for idempotency keys, so a retried submission is not counted twice.
    let runID: String
    private var serial = 0

    init(runID: String) {
        self.runID = runID
    }

    /// The next request for `ward` of `district`, as `xk.submit` takes it.
    mutating func next(ward: String, district: DistrictConfig) -> HelpRequest {
        serial += 1
        let procedures = district.procedures.map { ($0.code, Self.commonProcedures[$0.code] ?? 1) }
        let ageBand = Self.pick(Self.ageBands) ?? nil
        let elderly = ageBand?.isSixtyOrOver == true
        var priority = PriorityFlags(elderly: elderly, disability: Double.random(in: 0..<1) < 0.05,
                                     noSmartphone: elderly && Double.random(in: 0..<1) < 0.3)
        if Double.random(in: 0..<1) < 0.05 { priority.deadline = Self.day(inDays: Int.random(in: 2...20)) }
        var citizen = ageBand.map { Citizen(ageBand: $0) }
        var consent: Consent?
        if Double.random(in: 0..<1) < 0.15 {
            // Invented, and recognisably so: a test name and a 0999 000 xxx number.
            citizen = Citizen(shortName: "Công dân thử \(serial)", phone: String(format: "0999000%03d", serial % 1000),
                              ageBand: ageBand)
            consent = Consent(given: true, textVersion: "XK-DEMO")
        }
        return HelpRequest(
            ward: ward, residentialGroup: "TDP \(Int.random(in: 1...24))",
            procedure: Self.pick(procedures) ?? district.procedures.first?.code ?? "",
            helpType: Self.pick(Self.helpTypes) ?? .submitDossier, channel: Self.pick(Self.channels) ?? .walkIn,
            priority: priority, citizen: citizen, consent: consent, idempotencyKey: "demo-\(runID)-\(serial)")
    }

    /// A weighted random choice; `nil` only for an empty or all-zero list.
    static func pick<T>(_ choices: [(T, Int)]) -> T? {
        let total = choices.reduce(0) { $0 + max($1.1, 0) }
        guard total > 0 else { return nil }
        var roll = Int.random(in: 0..<total)
        for (value, weight) in choices where weight > 0 {
            if roll < weight { return value }
            roll -= weight
        }
        return nil
    }

    private static func day(inDays days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }
}
