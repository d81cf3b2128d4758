import Foundation
import Hummingbird
import Logging
import PageKit
import XungKichWire

/// The dashboard's handlers: login and sessions here, the pages, the API and the Open311 feed in extensions.
struct WebHandlers: Sendable {
    let backend: any WebBackend
    let data: DashboardData
    let sessions: SessionStore<WebUsers.Role>
    let usersPath: String
    let logger: Logger
    /// The overview and ward pages already rendered, per page and language (nil: no such ward).
    let pages: RenderedCache<WebPage.Cached?>
    /// The API answers the open pages poll (overview, ward), as JSON bytes per answer and language.
    let answers: RenderedCache<ByteBuffer?>

    static let cookie = "xk_web"
    static let languageCookie = "xk_lang"

    var now: Double { Date().timeIntervalSince1970 }

    func language(_ request: Request) -> Language {
        let chosen = request.uri.queryParameters["lang"].map(String.init) ?? request.cookies[Self.languageCookie]?.value
        return Language.negotiate(chosen: chosen, acceptLanguage: request.headers[.acceptLanguage])
    }

    func viewer(_ request: Request) async -> WebPage.Viewer? {
        guard let session = await sessions.session(request.cookies[Self.cookie]?.value, now: now) else { return nil }
        return WebPage.Viewer(user: session.user, role: session.info, csrf: session.csrf)
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func html(_ body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: body))
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    // MARK: login

    func loginForm(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let t = language(request)
        return html(WebPage.render(t(.login), """
            <h1>\(t(.title))</h1>
            \(message.map { "<p class=\"err\">\(HTMLEscape.escape($0))</p>" } ?? "")
            <form method="post" action="/dang-nhap">
            <label>\(t(.loginName))<input name="ten" autocomplete="username" required></label>
            <label>\(t(.password))<input name="mat_khau" type="password" autocomplete="current-password" required></label>
            <button type="submit" class="main">\(t(.login))</button>
            </form>
            <p class="note"><a href="/open311/v2/requests.json">\(t(.open311))</a></p>
            """, lang: t, viewer: nil, path: "/dang-nhap"), status: status)
    }

    func login(_ request: Request) async throws -> Response {
        let t = language(request)
        let form = Form(String(buffer: try await request.body.collect(upTo: Form.maxBytes)))
        guard let name = form["ten"], let password = form.fields["mat_khau"] else {
            return loginForm(request, message: t(.loginFailed), status: .unauthorized)
        }
        if await sessions.isLocked(name, now: now) {
            logger.warning("web login refused: locked out", metadata: ["user": "\(name)"])
            return loginForm(request, message: t(.lockedOut), status: .tooManyRequests)
        }
        let users: WebUsers
        do {
            users = try WebUsers.load(path: usersPath)
        } catch {
            logger.error("web users file unreadable", metadata: ["error": "\(error)"])
            return loginForm(request, message: "\(error)", status: .internalServerError)
        }
        guard let user = users.verify(name: name, password: password) else {
            await sessions.failed(name, now: now)
            logger.warning("web login failed", metadata: ["user": "\(name)"])
            return loginForm(request, message: t(.loginFailed), status: .unauthorized)
        }
        let token = await sessions.open(user: user.name, info: user.role, now: now)
        logger.info("web login", metadata: ["user": "\(user.name)", "role": "\(user.role.rawValue)"])
        var response = redirect("/")
        response.setCookie(Cookie(name: Self.cookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func logout(_ request: Request) async throws -> Response {
        let form = Form(String(buffer: try await request.body.collect(upTo: Form.maxBytes)))
        if let viewer = await viewer(request), form["csrf"] == viewer.csrf {
            await sessions.close(request.cookies[Self.cookie]?.value)
        }
        var response = redirect("/dang-nhap")
        response.setCookie(Cookie(name: Self.cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// `/ngon-ngu/en?ve=/phuong/00286`: remembers the language for a year and goes back to the page.
    func switchLanguage(_ request: Request, to code: String) -> Response {
        let language = Language(rawValue: code) ?? .vi
        let back = request.uri.queryParameters["ve"].map(String.init) ?? "/"
        // Only a path on this site: the switch cannot be used to send someone elsewhere.
        let safe = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
        var response = redirect(safe)
        response.setCookie(Cookie(name: Self.languageCookie, value: language.rawValue, maxAge: 365 * 86_400, path: "/",
                                  httpOnly: true, sameSite: .lax))
        return response
    }
}
