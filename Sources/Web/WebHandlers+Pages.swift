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
            do {
                let page = try await pages.value("/ \(t.rawValue)", now: now) { try await self.renderOverview(t) }
                return html(page?.bytes(for: viewer, lang: t) ?? ByteBuffer())
            } catch {
                return backendDown(t, viewer: viewer, path: "/", error: error)
            }
        }
    }

    /// The overview as every viewer sees it in language `t` (the viewer's own part is put in by ``WebPage/Cached``).
    func renderOverview(_ t: Language) async throws -> WebPage.Cached {
        let now = self.now
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
        return WebPage.Cached(t(.overview), body, lang: t, path: "/", script: Self.refreshScript(lang: t))
    }

    /// The overview's few lines of script: every 3 s, the figures from the API into their cells, no reload.
    static func refreshScript(lang: Language) -> String {
        refreshScript(api: "/api/v1/overview?lang=\(lang.rawValue)", rows: "d.wards.concat(d.districts)")
    }

    /// Every 3 s, the answer of `api` into the page: each row's `text` into the cells with ids `ROW-ID-COLUMN`,
    /// and `refreshedText`, when the answer has it, into `#refreshed`. `rows` is the rows of the answer `d`.
    static func refreshScript(api: String, rows: String) -> String {
        """
        <script>
        (function(){function tick(){fetch('\(api)',{credentials:'same-origin',cache:'no-store'})
        .then(function(r){return r.ok?r.json():null}).then(function(d){if(!d)return;
        \(rows).forEach(function(w){for(var k in w.text){var e=document.getElementById(w.id+'-'+k);
        if(e&&e.textContent!==w.text[k])e.textContent=w.text[k];}});
        var r=document.getElementById('refreshed');if(r&&d.refreshedText)r.textContent=d.refreshedText;}).catch(function(){});}
        setInterval(tick,3000);})();
        </script>
        """
    }

    // MARK: ward

    func wardPage(_ request: Request, code: String) async throws -> Response {
        try await loggedIn(request) { viewer, t in
            let path = "/phuong/\(code)"
            func notFound() -> Response {
                html(WebPage.render(t(.notFound), "<p class=\"err\">\(t(.notFound))</p>", lang: t, viewer: viewer, path: path),
                     status: .notFound)
            }
            // Only configured wards reach the kept pages, so made-up codes cannot fill them.
            guard data.wardName(code) != nil else { return notFound() }
            do {
                let page = try await pages.value("\(path) \(t.rawValue)", now: now) { try await self.renderWard(code, t) }
                guard let page else { return notFound() }
                return html(page.bytes(for: viewer, lang: t))
            } catch {
                return backendDown(t, viewer: viewer, path: path, error: error)
            }
        }
    }

    /// A ward's page as every viewer sees it in language `t`; nil for a ward no configuration names.
    func renderWard(_ code: String, _ t: Language) async throws -> WebPage.Cached? {
        guard let line = try await data.ward(code) else { return nil }
        let texts = RowCells.texts(line.row, lang: t, now: now)
        let facts = zip(RowCells.columns, RowCells.headers(t)).map { column, header in
            "<tr><td>\(header)</td><td id=\"w-\(code)-\(column)\">\(HTMLEscape.escape(texts[column] ?? ""))</td></tr>"
        }.joined()
        let chartsHTML = try await charts(ward: code, t)
        let body = """
            <p><a href="/">\(t(.back))</a></p>
            <h1>\(t(.ward)) · \(HTMLEscape.escape(line.name))</h1>
            <p class="note">\(t(.lastRefreshed)) <span id="refreshed">\(Numbers.hanoiTime(now))</span> · \(t(.live))</p>
            <div class="scroll"><table id="ward">\(facts)</table></div>
            <p class="note">\(t(.suppressedNote))</p>
            \(chartsHTML)
            """
        return WebPage.Cached(line.name, body, lang: t, path: "/phuong/\(code)",
                              script: Self.refreshScript(api: "/api/v1/wards/\(code)?lang=\(t.rawValue)", rows: "[d.ward]"))
    }
}
