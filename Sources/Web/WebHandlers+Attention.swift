import Foundation
import Hummingbird
import PageKit
import XungKich
import XungKichWire

/// The needs-attention page and the officers' requeue and cancel, from the page's form or the API.
extension WebHandlers {
    /// Requests open past the SLA, longest first (at most 100), from the coordinator's public list. The SLA is
    /// on active time, as in the statistics (`xk stats --view timeliness`): days spent waiting for the citizen
    /// (missing papers, no answer) are not the ward's, so a request waiting on the citizen is not overdue for them.
    func overdue(now: Double = Date().timeIntervalSince1970) async throws -> [PublicRequest] {
        // Open ones, oldest first: at a million requests the longest waiting are far from the newest 5000.
        var query = StatsQueryMessage(report: .requests)
        query.limit = 5000
        query.open = true
        query.oldestFirst = true
        let sla = data.slaHours * 3600
        return try await backend.requests(query).requests
            .map { (item: $0, active: $0.activeSeconds(at: now)) }
            .filter { $0.item.open && $0.active > sla }
            .sorted { ($0.active, $1.item.id) > ($1.active, $0.item.id) }.prefix(100).map(\.item)
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
                        + "<td>\(t.duration(item.activeSeconds(at: now)))</td><td>\(buttons(item.id))</td></tr>"
                }.joined()
                let stuckTable = stuck.isEmpty ? "<p>\(t(.noneNeedsAttention))</p>"
                    : "<div class=\"scroll\"><table id=\"stuck\"><thead><tr><th>\(t(.request))</th><th>\(t(.ward))</th>"
                    + "<th>\(t(.attempts))</th><th>\(t(.since))</th><th>\(t(.actions))</th></tr></thead><tbody>\(stuckRows)</tbody></table></div>"
                let lateTable = late.isEmpty ? "<p>\(t(.noneNeedsAttention))</p>"
                    : "<div class=\"scroll\"><table id=\"late\"><thead><tr><th>\(t(.request))</th><th>\(t(.ward))</th>"
                    + "<th>\(t(.state))</th><th>\(t(.activeTime))</th><th>\(t(.actions))</th></tr></thead><tbody>\(lateRows)</tbody></table></div>"
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
