import BraidCore
import BraidStore
import Crypto
import Fluent
import Vapor

// Signed-in pages: a server-side session (Fluent, cookie "braid-session": HttpOnly, SameSite=Lax, Secure in
// production) holds the account id and a CSRF token; every form posts the token back.

extension Request {
    /// The signed-in actor, or `nil` when not signed in.
    func pageActor() async throws -> Actor? {
        guard let text = session.data["user"], let id = UserID(text) else { return nil }
        return try await repository.actor(of: id)
    }

    /// The signed-in actor; otherwise a redirect to the sign-in page.
    func requirePageActor() async throws -> Actor {
        guard let actor = try await pageActor() else { throw Abort.redirect(to: SiteURL.login.path) }
        return actor
    }

    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data["csrf"] { return token }
        let token = Tokens.make()
        session.data["csrf"] = token
        return token
    }

    /// Decodes a form and checks its CSRF token (403 when it does not match the session's).
    func verifiedForm() throws -> [String: String] {
        let form = (try? content.decode([String: String].self)) ?? [:]
        guard let expected = session.data["csrf"], let sent = form["_csrf"],
            Data(expected.utf8).elementsEqual(Data(sent.utf8))
        else { throw Abort(.forbidden, reason: "this form has expired; reload the page and try again") }
        return form
    }
}

extension Application {
    /// Session storage and cookie settings for the signed-in pages.
    func configureSessions() {
        sessions.use(.fluent)
        let secure = braid.mode == .production
        sessions.configuration = SessionsConfiguration(cookieName: "braid-session") { id in
            HTTPCookies.Value(
                string: id.string, expires: nil, maxAge: 12 * 3600, domain: nil, path: "/", isSecure: secure,
                isHTTPOnly: true, sameSite: .lax)
        }
        migrations.add(SessionRecord.migration)
    }
}
