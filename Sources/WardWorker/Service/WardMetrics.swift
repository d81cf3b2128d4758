import CoreMetrics
import ServiceLifecycle
import XungKich

/// A ward worker's Prometheus metrics (`--metrics`): its open cases per team and its cases by state, sampled from
/// the case book once a second. Labels are the ward, the district's team ids and the states: no case, citizen or
/// member.
public final class WardMetrics: Service, Sendable {
    static let interval: Duration = .seconds(1)
    /// The label for open cases no team has yet.
    static let noTeam = "none"

    private let book: CaseBook
    private let openCases: [String: Gauge]
    private let cases: [RequestState: Gauge]

    /// Makes every instrument at zero: each of the ward's teams and each state, so a dashboard shows 0, not a gap.
    public init(book: CaseBook, ward: WardCode, teams: [TeamID], factory: any MetricsFactory) {
        self.book = book
        openCases = Dictionary(uniqueKeysWithValues: (teams.map(\.rawValue) + [Self.noTeam]).map {
            ($0, Gauge(label: "xk_ward_open_cases", dimensions: [("ward", ward.rawValue), ("team", $0)], factory: factory))
        })
        cases = Dictionary(uniqueKeysWithValues: RequestState.allCases.map {
            ($0, Gauge(label: "xk_ward_cases", dimensions: [("ward", ward.rawValue), ("state", $0.rawValue)], factory: factory))
        })
        for gauge in openCases.values { gauge.record(0) }
        for gauge in cases.values { gauge.record(0) }
    }

    public func run() async throws {
        // Ends quietly on shutdown: a sampler is not a part whose stopping is news.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.sample()
                try? await Task.sleep(for: Self.interval)
            }
        }
    }

    /// Reads the book once. Teams are the configuration's: a case of a team since removed from it counts in
    /// ``xk_ward_cases`` but under no team.
    public func sample() async {
        let snapshot = await book.metricsSnapshot()
        for (team, gauge) in openCases {
            let key: TeamID? = team == Self.noTeam ? nil : TeamID(rawValue: team)
            gauge.record(Double(snapshot.openByTeam[key] ?? 0))
        }
        for (state, gauge) in cases { gauge.record(Double(snapshot.byState[state] ?? 0)) }
    }
}
