import Foundation
import Hummingbird
import PageKit
import XungKich
import XungKichWire

extension WebHandlers {
    /// A page for logged-in users only: the login form for anyone else.
    func loggedIn(_ request: Request, _ page: (WebPage.Viewer, Language) async throws -> Response) async throws -> Response {
        guard let viewer = await viewer(request) else { return redirect("/dang-nhap") }
        return try await page(viewer, language(request))
    }

    func backendDown(_ t: Language, viewer: WebPage.Viewer, path: String, error: any Error) -> Response {
        logger.warning("web: backend did not answer", metadata: ["error": "\(error)"])
        return html(WebPage.render(t(.backendDown), "<h1>\(t(.title))</h1><p class=\"err\">\(t(.backendDown)): "
                                   + "\(HTMLEscape.escape("\(error)"))</p>", lang: t, viewer: viewer, path: path),
                    status: .serviceUnavailable)
    }

    // MARK: overview

    func overview(_ request: Request) async throws -> Response {
        try await loggedIn(request) { viewer, t in
            let now = self.now
            do {
                let (wards, totals) = try await data.overview()
                let table = wards.map { line in
                    RowCells.html(name: line.name, link: "/phuong/\(line.code ?? "")", row: line.row,
                                  idPrefix: "w-\(line.code ?? "")", lang: t, now: now)
                }.joined() + totals.map { line in
                    RowCells.html(name: "\(t(.total)) · \(line.name)", link: nil, row: line.row,
                                  idPrefix: "d-\(line.row.key ?? "")", lang: t, now: now, total: true)
                }.joined()
                let chartsHTML = try await charts(ward: nil, t)
                let body = """
                    <h1>\(t(.overview))</h1>
                    <p class="note">\(t(.lastRefreshed)) <span id="refreshed">\(Numbers.hanoiTime(now))</span> · \(t(.live))</p>
                    <div class="scroll"><table id="overview"><thead><tr><th>\(t(.ward))</th>\
                    \(RowCells.headers(t).map { "<th>\($0)</th>" }.joined())</tr></thead><tbody>\(table)</tbody></table></div>
                    <p class="note">\(t(.suppressedNote)) \(t(.sla)): \(Numbers.hours(data.slaHours)).</p>
                    \(chartsHTML)
                    """
                return html(WebPage.render(t(.overview), body, lang: t, viewer: viewer, path: "/",
                                           script: Self.refreshScript(lang: t)))
            } catch {
                return backendDown(t, viewer: viewer, path: "/", error: error)
            }
        }
    }

    /// The overview's few lines of script: every 3 s, the figures from the API into their cells, no reload.
    static func refreshScript(lang: Language) -> String {
        """
        <script>
        (function(){function tick(){fetch('/api/v1/overview?lang=\(lang.rawValue)',{credentials:'same-origin',cache:'no-store'})
        .then(function(r){return r.ok?r.json():null}).then(function(d){if(!d)return;
        d.wards.concat(d.districts).forEach(function(w){for(var k in w.text){var e=document.getElementById(w.id+'-'+k);
        if(e&&e.textContent!==w.text[k])e.textContent=w.text[k];}});
        var r=document.getElementById('refreshed');if(r)r.textContent=d.refreshedText;}).catch(function(){});}
        setInterval(tick,3000);})();
        </script>
        """
    }

    // MARK: ward

    func wardPage(_ request: Request, code: String) async throws -> Response {
        try await loggedIn(request) { viewer, t in
            let path = "/phuong/\(code)"
            do {
                guard let line = try await data.ward(code) else {
                    return html(WebPage.render(t(.notFound), "<p class=\"err\">\(t(.notFound))</p>", lang: t, viewer: viewer,
                                               path: path), status: .notFound)
                }
                let texts = RowCells.texts(line.row, lang: t, now: now)
                let facts = zip(RowCells.columns, RowCells.headers(t)).map { column, header in
                    "<tr><td>\(header)</td><td id=\"w-\(code)-\(column)\">\(HTMLEscape.escape(texts[column] ?? ""))</td></tr>"
                }.joined()
                let chartsHTML = try await charts(ward: code, t)
                let body = """
                    <p><a href="/">\(t(.back))</a></p>
                    <h1>\(t(.ward)) · \(HTMLEscape.escape(line.name))</h1>
                    <div class="scroll"><table>\(facts)</table></div>
                    <p class="note">\(t(.suppressedNote))</p>
                    \(chartsHTML)
                    """
                return html(WebPage.render(line.name, body, lang: t, viewer: viewer, path: path))
            } catch {
                return backendDown(t, viewer: viewer, path: path, error: error)
            }
        }
    }

    // MARK: charts

    /// The four charts, for the district(s) or one ward.
    func charts(ward: String?, _ t: Language) async throws -> String {
        let days = try await data.perDay(ward: ward)
        let perDay = days.map { row -> SVGChart.Point in
            let key = row.key ?? ""
            let shown = Numbers.shownCount(row.received)
            return SVGChart.Point(label: Numbers.shortDay(key), value: shown.map(Double.init),
                                  title: "\(Numbers.day(key)): \(Numbers.count(row.received))")
        }
        let conversion = days.map { row -> SVGChart.Point in
            let key = row.key ?? ""
            let shown = Numbers.shows(row.conversion) ? row.conversion.value : nil
            return SVGChart.Point(label: Numbers.shortDay(key), value: shown, title: "\(Numbers.day(key)): \(Numbers.rate(row.conversion))")
        }
        let fields = try await data.byField(ward: ward).filter { $0.key != nil && $0.received > 0 }
        let series = [t(.onlineFull), t(.onlinePartial), t(.failed), t(.otherResolved)]
        let stacks = fields.map { row -> SVGChart.Stack in
            let name = row.key.flatMap(data.fieldName) ?? row.key ?? ""
            let counts = [row.fullProcess, row.onlineSubmissions - row.fullProcess, row.failed,
                          max(row.resolved - row.onlineSubmissions - row.failed, 0)]
            return SVGChart.Stack(label: name, values: counts.map { Double(Numbers.shownCount($0) ?? 0) },
                                  titles: zip(series, counts).map { "\(name) · \($0): \(Numbers.count($1))" })
        }
        let pareto = try await data.pareto(ward: ward)
        let shownReasons = pareto.entries.filter { Numbers.shownCount($0.failed) != nil }
        let paretoPoints = shownReasons.map { entry in
            SVGChart.Point(label: t.failureReason(entry.reason), value: Double(entry.failed),
                           title: "\(t.failureReason(entry.reason)): \(entry.failed) · \(Numbers.rate(entry.share))")
        }
        let cumulative = shownReasons.map { $0.cumulative.value ?? 0 }
        func orEmpty(_ chart: String, _ empty: Bool, _ caption: Phrase) -> String {
            empty ? "<figure><figcaption>\(t(caption))</figcaption><p>\(t(.noData))</p></figure>" : chart
        }
        return """
            <div class="charts">
            \(SVGChart.bars(perDay, caption: t(.requestsPerDay)))
            \(SVGChart.line(conversion, caption: t(.conversionOverTime), percent: true, maximum: 1))
            \(orEmpty(SVGChart.stacked(stacks, series: series, caption: t(.outcomesByField)), stacks.isEmpty, .outcomesByField))
            \(orEmpty(SVGChart.pareto(paretoPoints, cumulative: cumulative, caption: t(.failurePareto), cumulativeName: t(.cumulative)),
                      paretoPoints.isEmpty, .failurePareto))
            </div>
            """
    }

    // MARK: needs attention

    /// Requests open past the SLA, oldest first (at most 100), from the coordinator's public list.
    func overdue() async throws -> [PublicRequest] {
        var query = StatsQueryMessage(report: .requests)
        query.limit = 5000
        let limit = now - data.slaHours * 3600
        return try await backend.requests(query).requests.filter { $0.open && $0.receivedAt < limit }
            .sorted { $0.receivedAt < $1.receivedAt }.prefix(100).map { $0 }
    }

    func attentionPage(_ request: Request, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await loggedIn(request) { viewer, t in
            do {
                let stuck = try await backend.attention()
                let late = try await overdue()
                func buttons(_ id: String) -> String {
                    guard viewer.role == .officer else { return "" }
                    return ["requeue", "cancel"].map { action in
                        "<form method=\"post\" action=\"/can-xu-ly/\(HTMLEscape.escape(id))\" class=\"inline\">"
                            + "<input type=\"hidden\" name=\"csrf\" value=\"\(viewer.csrf)\"><input type=\"hidden\" name=\"thao_tac\" value=\"\(action)\">"
                            + "<button class=\"act \(action)\" data-action=\"\(action)\">\(action == "requeue" ? t(.requeue) : t(.cancel))</button></form>"
                    }.joined(separator: " ")
                }
                let stuckRows = stuck.map { item in
                    "<tr data-id=\"\(HTMLEscape.escape(item.id.rawValue))\"><td>\(HTMLEscape.escape(item.id.rawValue))</td>"
                        + "<td>\(HTMLEscape.escape(data.wardName(item.ward.rawValue) ?? item.ward.rawValue))</td><td>\(item.attempts)</td>"
                        + "<td>\(Numbers.hanoiTime(item.createdAt))</td><td>\(buttons(item.id.rawValue))</td></tr>"
                }.joined()
                let lateRows = late.map { item in
                    "<tr data-id=\"\(HTMLEscape.escape(item.id))\"><td>\(HTMLEscape.escape(item.id))</td>"
                        + "<td>\(HTMLEscape.escape(data.wardName(item.ward) ?? item.ward))</td><td>\(HTMLEscape.escape(item.state ?? ""))</td>"
                        + "<td>\(t.duration(now - item.receivedAt))</td><td>\(buttons(item.id))</td></tr>"
                }.joined()
                let stuckTable = stuck.isEmpty ? "<p>\(t(.noneNeedsAttention))</p>"
                    : "<div class=\"scroll\"><table id=\"stuck\"><thead><tr><th>\(t(.request))</th><th>\(t(.ward))</th>"
                    + "<th>\(t(.attempts))</th><th>\(t(.since))</th><th>\(t(.actions))</th></tr></thead><tbody>\(stuckRows)</tbody></table></div>"
                let lateTable = late.isEmpty ? "<p>\(t(.noneNeedsAttention))</p>"
                    : "<div class=\"scroll\"><table id=\"late\"><thead><tr><th>\(t(.request))</th><th>\(t(.ward))</th>"
                    + "<th>\(t(.state))</th><th>\(t(.age))</th><th>\(t(.actions))</th></tr></thead><tbody>\(lateRows)</tbody></table></div>"
                let body = """
                    <h1>\(t(.attention))</h1>
                    \(message.map { "<p class=\"msg\" id=\"message\">\(HTMLEscape.escape($0))</p>" } ?? "")
                    <h2>\(t(.needsAttention))</h2>
                    \(stuckTable)
                    <h2>\(t(.overdueOpen)) (\(t(.sla)) \(Numbers.hours(data.slaHours)))</h2>
                    \(lateTable)
                    """
                return html(WebPage.render(t(.attention), body, lang: t, viewer: viewer, path: "/can-xu-ly"), status: status)
            } catch {
                return backendDown(t, viewer: viewer, path: "/can-xu-ly", error: error)
            }
        }
    }

    /// An officer's requeue or cancel from the attention page: CSRF-checked, officers only, logged with who.
    func act(_ request: Request, id: String) async throws -> Response {
        let t = language(request)
        guard let viewer = await viewer(request) else { return redirect("/dang-nhap") }
        let form = Form(String(buffer: try await request.body.collect(upTo: Form.maxBytes)))
        switch await perform(viewer: viewer, csrf: form["csrf"], action: form["thao_tac"], id: id) {
        case .success(let answer):
            return try await attentionPage(request, message: "\(t(.done)): \(answer.id.rawValue) → \(answer.state)")
        case .failure(let refusal):
            let text = refusal.status == .forbidden && refusal.message == "csrf" ? t(.sessionExpired)
                : refusal.status == .forbidden ? t(.forbidden) : refusal.message
            return html(WebPage.render(t(.attention), "<h1>\(t(.attention))</h1><p class=\"err\" id=\"message\">\(HTMLEscape.escape(text))</p>"
                                       + "<p><a href=\"/can-xu-ly\">\(t(.attention))</a></p>", lang: t, viewer: viewer, path: "/can-xu-ly"),
                        status: refusal.status)
        }
    }

    struct Refusal: Error {
        var status: HTTPResponse.Status
        var message: String
    }

    /// The checks and the admin command every way of acting shares (the page's form, the API).
    func perform(viewer: WebPage.Viewer, csrf: String?, action: String?, id: String) async -> Result<AdminAnswer, Refusal> {
        guard let csrf, csrf == viewer.csrf else {
            logger.warning("web action refused: no or wrong CSRF token", metadata: ["user": "\(viewer.user)", "request": "\(id)"])
            return .failure(Refusal(status: .forbidden, message: "csrf"))
        }
        guard viewer.role == .officer else {
            logger.warning("web action refused: viewer", metadata: ["user": "\(viewer.user)", "request": "\(id)", "action": "\(action ?? "")"])
            return .failure(Refusal(status: .forbidden, message: "viewer"))
        }
        let name: AdminCommand.Name
        switch action {
        case "requeue": name = .requeue
        case "cancel": name = .cancel
        default: return .failure(Refusal(status: .badRequest, message: "thao_tac must be requeue or cancel"))
        }
        do {
            let answer = try await backend.admin(AdminCommand(name, id: XungKich.RequestID(id)))
            logger.notice("web admin action", metadata: ["user": "\(viewer.user)", "role": "officer", "action": "\(name.rawValue)",
                                                          "request": "\(id)", "state": "\(answer.state)"])
            return .success(answer)
        } catch {
            logger.warning("web admin action failed", metadata: ["user": "\(viewer.user)", "action": "\(name.rawValue)",
                                                                  "request": "\(id)", "error": "\(error)"])
            return .failure(Refusal(status: .badGateway, message: "\(error)"))
        }
    }
}
