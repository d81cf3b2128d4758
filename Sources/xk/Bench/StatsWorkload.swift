import Coordinator
import Foundation

/// Synthetic but plausible coordinator input for the statistics benchmark: cases spread over a year, two
/// districts of 18 wards, 250 teams, real procedure codes, an outcome mix like the simulator's, one in ten
/// cases declined once, a third waiting for the citizen. Seeded, so two runs build the same data.
struct StatsWorkload {
    static let procedures = ["1.001193", "1.000894", "1.000656", "2.000815", "2.000884", "1.004222", "1.004194",
                             "1.002755", "1.003677", "1.010038", "1.001699", "1.011607"]
    static let channels = ["walk_in", "hotline", "zalo", "home_visit"]
    static let ageBands = ["20_29", "30_39", "40_49", "50_59", "60_69", "60_69", "70_79", "70_79", "80_plus"]
    static let outcomes: [(String, Int)] = [("SUBMITTED_FULL_ONLINE", 35), ("SUBMITTED_PARTIAL_ONLINE", 20),
                                            ("VNEID_ONLY", 8), ("GUIDED_ONLY", 12), ("REFERRED_ONE_STOP", 5),
                                            ("FAILED", 15), ("CANCELLED", 5)]
    static let reasons = ["NO_VNEID_L2", "PORTAL_ERROR", "MISSING_DOCUMENTS", "CITIZEN_UNREACHABLE"]
    static let start = 1_704_042_000.0   // 2024-01-01 00:00 Hanoi

    var random: SplitMix

    init(seed: UInt64 = 2024) {
        random = SplitMix(seed: seed)
    }

    /// The facts of `count` finished or open cases, as the coordinator would hold them after folding.
    mutating func facts(count: Int) -> [RequestFact] {
        (0..<count).map { fact(index: $0, of: count) }
    }

    mutating func fact(index: Int, of count: Int) -> RequestFact {
        let district = index % 2 == 0 ? "007" : "250"
        let wardNumber = Int(random.next() % 18)
        let ward = String(format: district == "007" ? "%05d" : "09%03d", 241 + wardNumber * 3)
        var f = RequestFact(district: district, requestID: String(format: "%@-%07d", district, index), ward: ward)
        f.procedure = Self.procedures[Int(random.next() % UInt64(Self.procedures.count))]
        f.field = "G" + String(f.procedure?.prefix(1) ?? "1")
        f.channel = Self.channels[Int(random.next() % 4)]
        f.helpType = "submit_dossier"
        f.ageBand = Self.ageBands[Int(random.next() % UInt64(Self.ageBands.count))]
        f.residentialGroup = "TDP \(random.next() % 30 + 1)"
        f.citizen = random.next() % 10 < 7 ? String(random.next() % UInt64(count / 2 + 1), radix: 16) : nil
        f.priority = f.ageBand?.hasPrefix("7") == true || f.ageBand?.hasPrefix("8") == true
        let received = Self.start + Double(index) / Double(max(count, 1)) * 365 * 86_400
        f.receivedAt = received
        f.firstAssignedAt = received + Double(random.next() % 1800 + 5)
        let team = "\(ward)-T0\(random.next() % 7 + 1)"
        f.assignments = 1
        if random.next() % 10 == 0 {
            f.declinedBy = ["\(ward)-T08"]
            f.assignments = 2
        }
        f.team = team
        let open = Double(index) > Double(count) * 0.995
        if !open || random.next() % 2 == 0 { f.firstContactAt = (f.firstAssignedAt ?? received) + Double(random.next() % 7200) }
        if random.next() % 3 == 0 { f.waitedSeconds = Double(random.next() % 86_400) }
        if open {
            f.state = f.firstContactAt == nil ? "ASSIGNED" : "IN_PROGRESS"
            return f
        }
        var pick = Int(random.next() % 100)
        var outcome = Self.outcomes[0].0
        for (name, weight) in Self.outcomes {
            if pick < weight { outcome = name; break }
            pick -= weight
        }
        f.outcome = outcome
        f.state = "RESOLVED"
        f.resolvedAt = (f.firstContactAt ?? received) + f.waitedSeconds + Double(random.next() % 172_800 + 600)
        if outcome.hasPrefix("SUBMITTED") {
            f.mode = outcome == "SUBMITTED_FULL_ONLINE" ? "toan-trinh" : "mot-phan"
            f.dossierCount = Int(random.next() % 2 + 1)
        }
        if outcome == "FAILED" { f.failureReason = Self.reasons[Int(random.next() % 4)] }
        return f
    }

    /// The events a dispatcher would publish for `count` cases, as JSON bodies in publication order (by time,
    /// then sequence number per district): accepted, delivered, assigned, contact, resolved.
    mutating func eventBodies(cases count: Int) -> [(district: String, body: Data)] {
        var timeline: [(at: Double, district: String, object: [String: Any])] = []
        timeline.reserveCapacity(count * 5)
        for index in 0..<count {
            let f = fact(index: index, of: count)
            guard let received = f.receivedAt else { continue }
            func add(_ at: Double, _ kind: String, _ state: String, _ detail: [String: Any]) {
                timeline.append((at, f.district, ["requestId": f.requestID, "ward": f.ward, "at": at, "kind": kind,
                                                  "state": state, "detail": detail]))
            }
            add(received, "accepted", "TRIAGED", ["procedure": f.procedure ?? "", "field": f.field ?? "",
                                                  "channel": f.channel ?? "", "helpType": "submit_dossier",
                                                  "ageBand": f.ageBand ?? "", "priority": f.priority == true,
                                                  "residentialGroup": f.residentialGroup ?? "",
                                                  "citizen": f.citizen ?? ""])
            add(f.firstAssignedAt ?? received, "delivered", "ASSIGNED", ["attempt": 1])
            add((f.firstAssignedAt ?? received) + 1, "progress", "ASSIGNED", ["team": f.team ?? "", "update": 1])
            if let contact = f.firstContactAt {
                add(contact, "progress", "IN_PROGRESS", ["team": f.team ?? "", "update": 2])
            }
            if let resolved = f.resolvedAt, let outcome = f.outcome {
                var detail: [String: Any] = ["outcome": outcome, "team": f.team ?? ""]
                if let mode = f.mode { detail["mode"] = mode; detail["dossiers"] = Array(repeating: "x", count: f.dossierCount ?? 1) }
                if let reason = f.failureReason { detail["failureReason"] = reason }
                add(resolved, "resolved", "RESOLVED", detail)
            }
        }
        timeline.sort { $0.at < $1.at }
        var seq: [String: Int64] = [:]
        return timeline.map { entry in
            var object = entry.object
            let next = (seq[entry.district] ?? 0) + 1
            seq[entry.district] = next
            object["seq"] = next
            return (entry.district, (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
    }
}

/// A small, fast, seeded generator (SplitMix64), so benchmark data is the same from run to run.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
