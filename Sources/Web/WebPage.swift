import XungKichWire
import PageKit

/// The dashboard's one layout: one column on a phone, the ward table scrolling sideways, nothing fetched
/// from elsewhere (the only script is the overview's own few lines that refresh its numbers).
enum WebPage {
    struct Viewer: Sendable {
        var user: String
        var role: WebUsers.Role
        var csrf: String
    }

    static func render(_ title: String, _ body: String, lang: Language, viewer: Viewer?, path: String, script: String = "") -> String {
        head(title, lang: lang, path: path) + who(viewer, lang: lang) + tail(body, script: script)
    }

    /// What names the viewer (their name, role and the logout form with their CSRF token): the only part of a
    /// page that differs between two viewers of the same page in the same language.
    static func who(_ viewer: Viewer?, lang t: Language) -> String {
        guard let viewer else { return "" }
        return " <span class=\"who\">\(HTMLEscape.escape(viewer.user)) · \(viewer.role == .officer ? t(.officer) : t(.viewer))</span>"
            + "<form method=\"post\" action=\"/dang-xuat\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"\(viewer.csrf)\">"
            + "<button class=\"link\">\(t(.logout))</button></form>"
    }

    static func tail(_ body: String, script: String) -> String {
        """
        </nav>
        \(body)
        \(script)
        </body></html>
        """
    }

    /// Everything up to the viewer's part of the navigation.
    static func head(_ title: String, lang: Language, path: String) -> String {
        let t = lang
        let other: Language = lang == .vi ? .en : .vi
        var nav = "<a href=\"/\">\(t(.overview))</a> <a href=\"/can-xu-ly\">\(t(.attention))</a> "
        nav += "<a href=\"/ngon-ngu/\(other.rawValue)?ve=\(HTMLEscape.escape(path))\" hreflang=\"\(other.rawValue)\">\(other == .en ? t(.english) : t(.vietnamese))</a>"
        return """
            <!DOCTYPE html>
            <html lang="\(lang.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscape.escape(title)) · \(t(.title))</title>
            <style>
            body{font-family:system-ui,sans-serif;font-size:16px;margin:0;padding:10px;max-width:1100px;background:#fafafa;color:#111}
            h1{font-size:21px;margin:8px 0 10px} h2{font-size:18px;margin:18px 0 8px}
            nav{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;padding:6px 0;border-bottom:1px solid #ddd}
            nav a,button.link{color:#0645ad;font-size:16px;min-height:40px;display:inline-flex;align-items:center}
            .who{color:#555;font-size:14px} form.inline{display:inline;margin:0}
            button.link{background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
            .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
            table{border-collapse:collapse;background:#fff;font-size:15px;min-width:100%}
            th,td{border:1px solid #ddd;padding:6px 8px;text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:#fff;white-space:normal;min-width:6em}
            @media (max-width:600px){table{font-size:14px} th,td{padding:5px 5px} th{white-space:normal;min-width:4.5em}
            th:first-child,td:first-child{max-width:7.5em}}
            tr.total td{font-weight:700;background:#f1f1f1}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:12px}
            figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:8px;padding:8px}
            svg.chart{width:100%;height:auto} figcaption{font-size:14px;color:#333}
            .legend{font-size:13px;margin:4px 0} .legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}
            .err{background:#ffebee;padding:8px;border-radius:6px} .msg{background:#e3f2fd;padding:8px;border-radius:6px}
            .note{font-size:13px;color:#555}
            button.act{min-height:40px;padding:4px 12px;font-size:15px;border:0;border-radius:6px;color:#fff;background:#1565c0}
            button.act.cancel{background:#616161}
            label{display:block;margin:8px 0} input{font-size:18px;width:100%;max-width:360px;box-sizing:border-box;min-height:44px;padding:6px;display:block}
            button.main{font-size:18px;min-height:48px;padding:8px 24px;background:#1565c0;color:#fff;border:0;border-radius:8px}
            </style></head><body>
            <nav>\(nav)
            """
    }
}

/// One row of figures as the pages and the API show them: small counts hidden, rates with n/d.
enum RowCells {
    static let columns = ["received", "open", "oldest", "full", "partial", "conversion", "median", "breaches"]

    static func headers(_ t: Language) -> [String] {
        [t(.received), t(.open), t(.oldestOpen), t(.fullProcess), t(.partial), t(.conversion), t(.medianResolve), t(.slaBreaches)]
    }

    /// The texts of `row`'s cells, by column. A group of 1 to 4 requests shows nothing but `<5`: its
    /// figures could point at a person, as in the exports.
    static func texts(_ row: StatsRow, lang: Language, now: Double) -> [String: String] {
        if (1..<Numbers.minimumCell).contains(row.received) {
            return Dictionary(uniqueKeysWithValues: columns.map { ($0, "<\(Numbers.minimumCell)") })
        }
        return [
            "received": Numbers.count(row.received),
            "open": Numbers.count(row.open),
            "oldest": row.oldestOpenReceivedAt.map { lang.duration(now - $0) } ?? "–",
            "full": Numbers.count(row.fullProcess),
            "partial": Numbers.count(row.onlineSubmissions - row.fullProcess),
            "conversion": Numbers.rate(row.conversion),
            "median": row.medianSecondsToResolve.map { lang.duration($0) } ?? "–",
            "breaches": Numbers.count(max(row.slaMeasured - row.withinSLA, 0)),
        ]
    }

    /// A table row whose cells carry ids (`prefix-column`) the overview's script refreshes.
    static func html(name: String, link: String?, row: StatsRow, idPrefix: String, lang: Language, now: Double,
                     total: Bool = false) -> String {
        let texts = texts(row, lang: lang, now: now)
        let first = link.map { "<a href=\"\($0)\">\(HTMLEscape.escape(name))</a>" } ?? HTMLEscape.escape(name)
        let cells = columns.map { "<td id=\"\(idPrefix)-\($0)\">\(HTMLEscape.escape(texts[$0] ?? ""))</td>" }.joined()
        return "<tr\(total ? " class=\"total\"" : "") data-row=\"\(idPrefix)\"><td class=\"name\">\(first)</td>\(cells)</tr>"
    }
}
