import XungKich
import XungKichWire

/// Answers one query to the coordinator's statistics endpoint (see ``StatsQueryMessage``): a ``StatsAnswer``,
/// ``ContributionAnswer``, ``BaselineAnswer`` or ``BaselineImportAnswer``, or a ``WireError`` envelope saying
/// what to fix.
enum StatsQuery {
    /// Answers `body`. `authorize` sees the query's report (nil when the body cannot be read) before anything
    /// is computed, and a refusal it returns is the whole answer.
    static func answer(_ body: [UInt8], engine: StatsEngine, districts: [String] = [],
                       authorize: (StatsQueryMessage.Report?) -> WireError? = { _ in nil }) async -> [UInt8] {
        let query: StatsQueryMessage
        do throws(WireError) {
            query = try WireJSON.decode(StatsQueryMessage.self, from: body)
        } catch {
            return (authorize(nil) ?? error).json
        }
        if let refusal = authorize(query.report) { return refusal.json }
        if let district = query.district, !districts.isEmpty, !districts.contains(district) {
            return WireError(.invalidRequest, "this coordinator does not follow district \(district); it follows "
                             + districts.joined(separator: ", "),
                             problems: [HelpRequestProblem(field: "district", message: "is not one of " + districts.joined(separator: ", "))]).json
        }
        do throws(WireError) {
            switch query.report {
            case .stats: return WireJSON.encode(try await stats(query, engine: engine))
            case .contribution: return WireJSON.encode(try await contribution(query, engine: engine))
            case .baseline: return WireJSON.encode(BaselineAnswer(rows: await engine.baseline()))
            case .baselineImport: return WireJSON.encode(try await importBaseline(query, engine: engine))
            case .requests: return WireJSON.encode(try await requests(query, engine: engine))
            }
        } catch {
            return error.json
        }
    }

    private static func stats(_ query: StatsQueryMessage, engine: StatsEngine) async throws(WireError) -> StatsAnswer {
        let by = query.by ?? .ward
        let slaHours = query.slaHours ?? StatsRequest.defaultSLASeconds / 3600
        guard slaHours > 0, slaHours.isFinite else {
            throw WireError(.invalidRequest, "slaHours must be a positive number of hours, e.g. 72",
                            problems: [HelpRequestProblem(field: "slaHours", message: "must be a positive number")])
        }
        // Absent: everything. A view that shows less asks for less, which keeps big queries fast.
        var figures = StatsFigures.all
        if let asked = query.figures {
            figures = []
            for figure in asked {
                switch figure {
                case .timeliness: figures.insert(.timeliness)
                case .reach: figures.insert(.reach)
                }
            }
        }
        var request = StatsRequest(groupBy: by, since: query.since, until: query.until, district: query.district,
                                   ward: query.ward, slaSeconds: slaHours * 3600, figures: figures)
        request.regroup = query.regroup ?? [:]
        let report = await engine.report(request)
        return StatsAnswer(by: by, rows: report.rows, backlog: report.backlog, slaHours: slaHours,
                           facts: await engine.factCount)
    }

    /// Most requests one answer lists: enough for a public feed's page, small enough to stay quick.
    static let maxPublicRequests = 5000

    private static func requests(_ query: StatsQueryMessage, engine: StatsEngine) async throws(WireError) -> PublicRequestList {
        let limit = query.limit ?? 1000
        guard (1...maxPublicRequests).contains(limit) else {
            throw WireError(.invalidRequest, "limit must be 1 to \(maxPublicRequests)",
                            problems: [HelpRequestProblem(field: "limit", message: "must be 1 to \(maxPublicRequests)")])
        }
        return PublicRequestList(requests: await engine.publicRequests(district: query.district, ward: query.ward,
                                                                       id: query.id, limit: limit, openOnly: query.open ?? false,
                                                                       oldestFirst: query.oldestFirst ?? false))
    }

    private static func contribution(_ query: StatsQueryMessage, engine: StatsEngine) async throws(WireError) -> ContributionAnswer {
        guard let from = query.from, let to = query.to, BaselineRow.isMonth(from), BaselineRow.isMonth(to), from <= to else {
            // Name the field to correct: `from` unless it is a month and `to` is what is wrong.
            let field = query.from.map(BaselineRow.isMonth) ?? false ? "to" : "from"
            throw WireError(.invalidRequest, "a contribution report needs \"from\" and \"to\" months written YYYY-MM, from ≤ to",
                            problems: [HelpRequestProblem(field: field, message: "must be a month written YYYY-MM, from ≤ to")])
        }
        return ContributionAnswer(rows: await engine.contribution(firstMonth: from, lastMonth: to, district: query.district))
    }

    private static func importBaseline(_ query: StatsQueryMessage, engine: StatsEngine) async throws(WireError) -> BaselineImportAnswer {
        guard let rows = query.rows else {
            throw WireError(.invalidRequest, "a baseline import needs \"rows\": a list of baseline rows",
                            problems: [HelpRequestProblem(field: "rows", message: "is missing")])
        }
        let problems = rows.enumerated().flatMap { index, row in
            row.problems().map { HelpRequestProblem(field: "rows[\(index)]", message: $0) }
        }
        guard problems.isEmpty else { throw WireError(invalid: problems) }
        do {
            try await engine.importBaseline(rows)
        } catch {
            throw WireError(.storeUnavailable, "the statistics store could not save the official totals (\(error)); "
                            + "nothing was imported: import the file again once the store works")
        }
        return BaselineImportAnswer(imported: rows.count)
    }
}
