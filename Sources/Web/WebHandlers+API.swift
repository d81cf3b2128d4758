import Foundation
import Hummingbird
import XungKich
import XungKichWire

/// The JSON API behind the pages (`/api/v1/…`, docs/web-api.yaml) and the public Open311 feed.
extension WebHandlers {
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, cache: String = "no-store") -> Response {
        json(bytes: Self.encode(value), status: status, cache: cache)
    }

    func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok, cache: String = "no-store") -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: cache],
                 body: .init(byteBuffer: bytes))
    }

    static func encode(_ value: some Encodable) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: (try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// The header API clients send the session's CSRF token in.
    static let csrfHeader = HTTPFields.Element.Name("X-CSRF-Token")

    struct APIError: Encodable {
        var error: String
    }

    /// An API call for logged-in users: 401 JSON for anyone else.
    func apiLoggedIn(_ request: Request, _ answer: (WebPage.Viewer, Language) async throws -> Response) async throws -> Response {
        guard let viewer = await viewer(request) else { return json(APIError(error: "log in first (POST /dang-nhap)"), status: .unauthorized) }
        do {
            return try await answer(viewer, language(request))
        } catch {
            logger.warning("web API: backend did not answer", metadata: ["error": "\(error)"])
            return json(APIError(error: "the coordinator or a dispatcher did not answer: \(error)"), status: .serviceUnavailable)
        }
    }

    /// One row of figures; a count of 1 to 4 is null (as in the exports), `text` is what the page shows.
    struct APIRow: Encodable {
        var id: String
        var code: String?
        var name: String
        var received: Int?
        var open: Int?
        var oldestOpenReceivedAt: Double?
        var fullProcess: Int?
        var partial: Int?
        var conversion: Rate?
        var medianSecondsToResolve: Double?
        var slaBreaches: Int?
        var text: [String: String]

        init(id: String, code: String?, name: String, row: StatsRow, lang: Language, now: Double) {
            self.id = id
            self.code = code
            self.name = name
            let small = (1..<Numbers.minimumCell).contains(row.received)
            func count(_ value: Int) -> Int? { small ? nil : Numbers.shownCount(value) }
            received = count(row.received)
            open = count(row.open)
            oldestOpenReceivedAt = small ? nil : row.oldestOpenReceivedAt
            fullProcess = count(row.fullProcess)
            partial = count(row.onlineSubmissions - row.fullProcess)
            conversion = !small && Numbers.shows(row.conversion) ? row.conversion : nil
            medianSecondsToResolve = small ? nil : row.medianSecondsToResolve
            slaBreaches = count(max(row.slaMeasured - row.withinSLA, 0))
            text = RowCells.texts(row, lang: lang, now: now)
        }
    }

    struct OverviewAnswer: Encodable {
        var refreshedAt: Double
        var refreshedText: String
        var slaHours: Double
        var wards: [APIRow]
        var districts: [APIRow]
    }

    /// The overview's figures; every open page asks them every 3 s, so the answer is kept like the pages
    /// (``RenderedCache``, per language) and `refreshedAt` is when it was made.
    func apiOverview(_ request: Request) async throws -> Response {
        try await apiLoggedIn(request) { _, t in
            let bytes = try await answers.value("overview \(t.rawValue)", now: now) {
                let now = self.now
                let (wards, totals) = try await data.overview()
                return Self.encode(OverviewAnswer(
                    refreshedAt: now, refreshedText: Numbers.hanoiTime(now), slaHours: data.slaHours,
                    wards: wards.map { APIRow(id: "w-\($0.code ?? "")", code: $0.code, name: $0.name, row: $0.row, lang: t, now: now) },
                    districts: totals.map { APIRow(id: "d-\($0.row.key ?? "")", code: $0.row.key, name: $0.name, row: $0.row, lang: t, now: now) }))
            }
            return json(bytes: bytes ?? ByteBuffer())
        }
    }

    struct DayPoint: Encodable {
        var day: String
        var received: Int?
        var conversion: Rate?
    }

    struct WardAnswer: Encodable {
        var refreshedAt: Double
        var refreshedText: String
        var ward: APIRow
        var days: [DayPoint]
    }

    /// One ward's figures, kept like the overview's (a ward page asks them every 3 s).
    func apiWard(_ request: Request, code: String) async throws -> Response {
        try await apiLoggedIn(request) { _, t in
            func missing() -> Response { json(APIError(error: "no ward \(code)"), status: .notFound) }
            // Only configured wards reach the kept answers, so made-up codes cannot fill them.
            guard data.wardName(code) != nil else { return missing() }
            let bytes = try await answers.value("ward \(code) \(t.rawValue)", now: now) { () async throws -> ByteBuffer? in
                guard let line = try await data.ward(code) else { return nil }
                let days = try await data.perDay(ward: code).map { row in
                    DayPoint(day: row.key ?? "", received: Numbers.shownCount(row.received),
                             conversion: Numbers.shows(row.conversion) ? row.conversion : nil)
                }
                let now = self.now
                return Self.encode(WardAnswer(refreshedAt: now, refreshedText: Numbers.hanoiTime(now),
                                              ward: APIRow(id: "w-\(code)", code: code, name: line.name, row: line.row, lang: t, now: now),
                                              days: days))
            }
            return bytes.map { json(bytes: $0) } ?? missing()
        }
    }

    struct AttentionAnswer: Encodable {
        var attention: [AttentionList.Item]
        var overdue: [PublicRequest]
    }

    func apiAttention(_ request: Request) async throws -> Response {
        try await apiLoggedIn(request) { _, _ in
            json(AttentionAnswer(attention: try await backend.attention(), overdue: try await overdue()))
        }
    }

    /// `POST /api/v1/requests/ID/requeue` (or `/cancel`) with the session's CSRF token in `X-CSRF-Token`.
    func apiAct(_ request: Request, id: String, action: String) async throws -> Response {
        try await apiLoggedIn(request) { viewer, _ in
            let token = Self.csrfHeader.flatMap { request.headers[$0] }
            switch await perform(viewer: viewer, csrf: token, action: action, id: id) {
            case .success(let answer): return json(answer)
            case .failure(let refusal): return json(APIError(error: refusal.message), status: refusal.status)
            }
        }
    }

    // MARK: Open311 GeoReport v2

    func open311Services() -> Response {
        json(Open311.services(data.configs), cache: "public, max-age=60")
    }

    func open311Requests(_ request: Request) async -> Response {
        let parameters = request.uri.queryParameters
        var query = StatsQueryMessage(report: .requests)
        query.limit = 1000
        do {
            var items = try await backend.requests(query).requests
            if let ids = parameters["service_request_id"].map({ Set($0.split(separator: ",").map(String.init)) }) {
                items = items.filter { ids.contains($0.id) }
            }
            if let code = parameters["service_code"].map(String.init) {
                items = items.filter { ($0.procedure ?? $0.helpType) == code }
            }
            if let status = parameters["status"].map(String.init) {
                items = items.filter { ($0.open ? "open" : "closed") == status }
            }
            if let start = Open311.date(parameters["start_date"].map(String.init)) { items = items.filter { $0.receivedAt >= start } }
            if let end = Open311.date(parameters["end_date"].map(String.init)) { items = items.filter { $0.receivedAt <= end } }
            return json(items.map { Open311.request($0, configs: data.configs) }, cache: "public, max-age=5")
        } catch {
            return json([Open311.Problem(code: 503, description: "the statistics service did not answer; try again shortly")],
                        status: .serviceUnavailable)
        }
    }

    /// `/open311/v2/requests/ID.json`: a list of one, as the specification answers.
    func open311Request(file: String) async -> Response {
        guard file.hasSuffix(".json") else {
            return json([Open311.Problem(code: 404, description: "use /open311/v2/requests/ID.json")], status: .notFound)
        }
        var query = StatsQueryMessage(report: .requests)
        query.id = String(file.dropLast(5))
        query.limit = 1
        do {
            let items = try await backend.requests(query).requests
            guard let item = items.first else {
                return json([Open311.Problem(code: 404, description: "no request \(query.id ?? "")")], status: .notFound)
            }
            return json([Open311.request(item, configs: data.configs)], cache: "public, max-age=5")
        } catch {
            return json([Open311.Problem(code: 503, description: "the statistics service did not answer; try again shortly")],
                        status: .serviceUnavailable)
        }
    }
}
