import PageKit
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Logging
import WardWorker
import XungKich
import XungKichWire

/// The team page's handlers; each answers a whole HTML page or a redirect.
struct Handlers: Sendable {
    let book: CaseBook
    let config: DistrictConfig
    let ward: WardCode
    let sessions: SessionStore
    let options: TeamPageApp.Options
    let logger: Logger

    private var now: Double { Date().timeIntervalSince1970 }
    /// Checked against for a login name that does not exist.
    static let unknownMemberHash = Bcrypt.hash(randomToken(), cost: 10)

    func html(_ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: HTML.page(title, body))))
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    func session(_ request: Request) async -> SessionStore.Session? {
        await sessions.session(request.cookies[TeamPageApp.cookie]?.value, now: now)
    }

    // MARK: login

    func loginForm(message: String?) -> Response {
        html(Text.login, """
            <h1>\(Text.title) · \(HTML.escape(config.ward(code: ward.rawValue)?.name ?? ward.rawValue))</h1>
            \(message.map { "<p class=\"err\">\(HTML.escape($0))</p>" } ?? "")
            <form method="post" action="/dang-nhap">
            <label>\(Text.loginName)<input name="ten" autocomplete="username" required></label>
            <label>\(Text.password)<input name="mat_khau" type="password" autocomplete="current-password" required></label>
            <button type="submit">\(Text.login)</button>
            </form>
            """, status: message == nil ? .ok : .unauthorized)
    }

    func login(_ request: Request) async throws -> Response {
        let form = Form(String(buffer: try await request.body.collect(upTo: Form.maxBytes)))
        guard let name = form["ten"], let password = form.fields["mat_khau"] else { return loginForm(message: Text.loginFailed) }
        if await sessions.isLocked(name, now: now) {
            logger.warning("team page login refused: locked out", metadata: ["member": "\(name)"])
            return loginForm(message: Text.lockedOut)
        }
        let member = try? book.member(named: name)
        // A name that does not exist costs a hash check too, so timing does not tell which names exist.
        let hash = member?.passwordHash ?? Self.unknownMemberHash
        guard Bcrypt.verify(password, hash: hash), let member else {
            await sessions.failed(name, now: now)
            logger.warning("team page login failed", metadata: ["member": "\(name)"])
            return loginForm(message: Text.loginFailed)
        }
        let token = await sessions.open(member: member.name, team: member.team, now: now)
        logger.info("team page login", metadata: ["member": "\(member.name)", "team": "\(member.team)"])
        var response = redirect("/")
        response.setCookie(Cookie(name: TeamPageApp.cookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func logout(_ request: Request) async -> Response {
        await sessions.close(request.cookies[TeamPageApp.cookie]?.value)
        var response = redirect("/dang-nhap")
        response.setCookie(Cookie(name: TeamPageApp.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: cases

    func list(_ request: Request) async -> Response {
        guard let session = await session(request) else { return redirect("/dang-nhap") }
        let views = await book.list(team: session.team, state: nil)
            .filter { $0.0.isOpen }
            .map { CaseView(item: $0.0, requestJSON: $0.1, now: now, slaHours: options.slaHours) }
            .sorted { $0.urgency.rank < $1.urgency.rank }
        let cards = views.isEmpty ? "<p>\(Text.noOpenCases)</p>" : views.map { $0.card() }.joined(separator: "\n")
        return html(Text.openCases, """
            <h1>\(Text.openCases) \(HTML.escape(session.team.rawValue))</h1>
            <p><small>\(HTML.escape(session.member))</small></p>
            \(cards)
            <form method="post" action="/dang-xuat"><button class="secondary">\(Text.logout)</button></form>
            """)
    }

    func show(_ request: Request, id: XungKich.RequestID, message: String?) async -> Response {
        guard let session = await session(request) else { return redirect("/dang-nhap") }
        guard let (item, json) = await book.caseWithRequest(id) else {
            return html(Text.notFound, "<p class=\"err\">\(Text.notFound)</p><p><a href=\"/\">\(Text.back)</a></p>", status: .notFound)
        }
        guard item.team == session.team else {
            return html(Text.notYourTeam, "<p class=\"err\">\(Text.notYourTeam)</p><p><a href=\"/\">\(Text.back)</a></p>",
                        status: .forbidden)
        }
        let view = CaseView(item: item, requestJSON: json, now: now, slaHours: options.slaHours)
        var citizen = "<p>\(Text.anonymous)</p>"
        if let person = view.request?.citizen, person.hasPersonalData {
            do {
                try await book.auditReveal(id, member: session.member, team: session.team)
                citizen = "<p>\(HTML.escape(person.shortName ?? ""))</p>"
                    + (person.phone.map { "<a class=\"call\" href=\"tel:\(HTML.escape($0))\">\(Text.call) \(HTML.escape($0))</a>" } ?? "")
            } catch {
                logger.error("audit log unwritable; phone not shown", metadata: ["error": "\(error)"])
                citizen = "<p class=\"err\">\(HTML.escape("\(error)"))</p>"
            }
        } else if view.request?.consent != nil {
            // Consent was given for a name or phone that is no longer here: erased (retention or on request).
            citizen = "<p>\(Text.erased)</p>"
        }
        let help = view.request
        let procedure = help.map { code in
            config.procedure(code: code.procedure).map { "\(code.procedure) · \($0.name)" } ?? code.procedure
        } ?? item.procedure
        var facts = "<dt>\(Text.helpType)</dt><dd>\(HTML.escape(help.map { Text.helpType($0.helpType) } ?? "-"))</dd>"
        facts += "<dt>\(Text.procedure)</dt><dd>\(HTML.escape(procedure))</dd>"
        if let note = help?.note { facts += "<dt>\(Text.note)</dt><dd>\(HTML.escape(note))</dd>" }
        if let group = help?.residentialGroup { facts += "<dt>\(Text.residentialGroup)</dt><dd>\(HTML.escape(group))</dd>" }
        if let home = help?.ward, home != ward.rawValue {
            facts += "<dt>\(Text.homeWard)</dt><dd>\(HTML.escape(config.ward(code: home).map { "\(home) \($0.name)" } ?? home))</dd>"
        }
        if let deadline = help?.priority.deadline { facts += "<dt>\(Text.deadline)</dt><dd>\(view.vietnameseDate(deadline))</dd>" }
        facts += "<dt>\(Text.age)</dt><dd>\(view.age)\(view.isOverdue ? " · <b>\(Text.overdue)</b>" : "")</dd>"
        if let attempt = item.attempt { facts += "<dt>\(Text.attempt)</dt><dd>\(attempt)</dd>" }
        let history = item.history.map { event in
            "<li>\(HTML.escape(hanoiTime(event.at))) · \(HTML.escape(event.kind))" + (event.member.map { " · \(HTML.escape($0))" } ?? "") + "</li>"
        }.joined()
        return html(id.rawValue, """
            <p><a href="/">\(Text.back)</a></p>
            <h1>\(HTML.escape(id.rawValue)) · \(Text.state(item.state))</h1>
            \(message.map { "<p class=\"msg\">\(HTML.escape($0))</p>" } ?? "")
            <h2>\(Text.citizen)</h2>\(citizen)
            <dl>\(facts)</dl>
            \(item.isOpen ? StepForms.render(for: item, id: id, csrf: session.csrf) : "")
            <h2>\(Text.history)</h2><ul>\(history)</ul>
            """)
    }

    func step(_ request: Request, id: XungKich.RequestID) async throws -> Response {
        guard let session = await session(request) else { return redirect("/dang-nhap") }
        let form = Form(String(buffer: try await request.body.collect(upTo: Form.maxBytes)))
        guard form["csrf"] == session.csrf else {
            return html(Text.sessionExpired, "<p class=\"err\">\(Text.sessionExpired)</p>", status: .forbidden)
        }
        guard let (item, _) = await book.caseWithRequest(id), item.team == session.team else {
            return html(Text.notYourTeam, "<p class=\"err\">\(Text.notYourTeam)</p>", status: .forbidden)
        }
        switch StepForms.command(form, team: session.team) {
        case .failure(let problem):
            return await show(request, id: id, message: problem.message)
        case .success(let command):
            switch await book.apply(command, to: id, member: session.member) {
            case .success:
                logger.info("team page step", metadata: ["case": "\(id)", "member": "\(session.member)",
                                                         "step": "\(form["buoc"] ?? "")"])
                return redirect("/ho-so/\(id.rawValue)")
            case .failure(let refusal):
                return await show(request, id: id, message: refusal.message)
            }
        }
    }

    private func hanoiTime(_ seconds: Double) -> String {
        HanoiDate.format(seconds, "dd/MM/yyyy HH:mm xxx", locale: "vi_VN")
    }
}
