/// A query to the coordinator's statistics endpoint (`xk stats`, `xk stats contribution`, `xk baseline`).
///
/// - `{"report": "stats", "by": "ward", "since": 1700000000, "until": …, "district": "007", "slaHours": 72,
///   "figures": ["timeliness", "reach"]}` → ``StatsAnswer`` (`figures`: what to compute beyond volume, rates and
///   time to resolve; all when absent; `report` defaults to `stats`);
/// - `{"report": "contribution", "from": "2024-01", "to": "2024-03", "district": …}` → ``ContributionAnswer``;
/// - `{"report": "baseline-import", "rows": [BaselineRow…]}` → ``BaselineImportAnswer``;
/// - `{"report": "baseline"}` → ``BaselineAnswer``;
/// - `{"report": "requests", "ward": "00286", "id": "007-0000042", "limit": 200}` → ``PublicRequestList``: the
///   newest requests as the public may see them (no citizen data; the web's Open311 feed); with `"open": true`
///   open ones only, with `"oldestFirst": true` the oldest first (the web's past-the-SLA list).
/// `ward` also narrows a `stats` report to one ward.
/// Anything wrong is a ``WireError``.
public struct StatsQueryMessage: Codable, Sendable, Equatable {
    public enum Report: String, Codable, Sendable, CaseIterable {
        case stats, contribution, baseline
        case baselineImport = "baseline-import"
        case requests
    }

    public enum Figure: String, Codable, Sendable, CaseIterable {
        /// Median and p90 time to assign and to first contact, SLA adherence.
        case timeliness
        /// Distinct citizens and residential groups.
        case reach
    }

    public var report: Report
    public var by: StatsDimension?
    /// Seconds since 1970: requests received at or after.
    public var since: Double?
    /// Seconds since 1970: requests received before.
    public var until: Double?
    public var district: String?
    /// stats, requests: one ward's requests only.
    public var ward: String?
    /// requests: this request only.
    public var id: String?
    /// requests: at most this many, newest first (default 1000).
    public var limit: Int?
    /// requests: open ones only.
    public var open: Bool?
    /// requests: the oldest first instead of the newest.
    public var oldestFirst: Bool?
    public var slaHours: Double?
    public var figures: [Figure]?
    /// contribution: months written YYYY-MM.
    public var from: String?
    public var to: String?
    /// baseline-import.
    public var rows: [BaselineRow]?
    /// stats by ward: re-express units in those of another day (`xk stats --as-of`). Keys are unit keys
    /// (`CODE@YYYY-MM-DD`) or a unit key, U+001F and a residential group (a ward's group map); values the unit
    /// the requests are counted in instead. Units not listed keep their own rows.
    public var regroup: [String: String]?

    public init(report: Report = .stats, by: StatsDimension? = nil) {
        self.report = report
        self.by = by
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        report = try WireVocabulary.decodeIfPresent(Report.self, from: c, forKey: .report) ?? .stats
        by = try WireVocabulary.decodeIfPresent(StatsDimension.self, from: c, forKey: .by)
        since = try c.decodeIfPresent(Double.self, forKey: .since)
        until = try c.decodeIfPresent(Double.self, forKey: .until)
        district = try c.decodeIfPresent(String.self, forKey: .district)
        ward = try c.decodeIfPresent(String.self, forKey: .ward)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit)
        open = try c.decodeIfPresent(Bool.self, forKey: .open)
        oldestFirst = try c.decodeIfPresent(Bool.self, forKey: .oldestFirst)
        slaHours = try c.decodeIfPresent(Double.self, forKey: .slaHours)
        if c.contains(.figures) {
            let names = try c.decode([String].self, forKey: .figures)
            figures = try names.map { name in
                guard let figure = Figure(rawValue: name) else {
                    throw WireError(.invalidRequest, "unknown figures \"\(name)\"; use timeliness or reach")
                }
                return figure
            }
        }
        from = try c.decodeIfPresent(String.self, forKey: .from)
        to = try c.decodeIfPresent(String.self, forKey: .to)
        rows = try c.decodeIfPresent([BaselineRow].self, forKey: .rows)
        regroup = try c.decodeIfPresent([String: String].self, forKey: .regroup)
    }
}

/// The answer to a `stats` report.
public struct StatsAnswer: Codable, Sendable, Equatable {
    public var by: StatsDimension
    public var rows: [StatsRow]
    /// Open requests of the period by their current state.
    public var backlog: [String: Int]
    public var slaHours: Double
    /// Requests the coordinator knows of, in all.
    public var facts: Int

    public init(by: StatsDimension, rows: [StatsRow], backlog: [String: Int], slaHours: Double, facts: Int) {
        self.by = by
        self.rows = rows
        self.backlog = backlog
        self.slaHours = slaHours
        self.facts = facts
    }
}

/// The answer to a `contribution` report.
public struct ContributionAnswer: Codable, Sendable, Equatable {
    public var rows: [ContributionRow]
    public init(rows: [ContributionRow]) { self.rows = rows }
}

/// The answer to `baseline`: the official totals loaded.
public struct BaselineAnswer: Codable, Sendable, Equatable {
    public var rows: [BaselineRow]
    public init(rows: [BaselineRow]) { self.rows = rows }
}

/// The answer to `baseline-import`.
public struct BaselineImportAnswer: Codable, Sendable, Equatable {
    public var imported: Int
    public init(imported: Int) { self.imported = imported }
}
