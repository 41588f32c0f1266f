import BraidCore
import BraidStore
import Crypto
import Fluent
import Vapor

// Signed-in pages: a server-side session (Fluent, cookie "braid-session": HttpOnly, SameSite=Lax, Secure in
// production) holds the account id and a CSRF token; every form posts the token back.

extension Request {
    /// The signed-in actor, or `nil` when not signed in. A session ends after `BRAID_IDLE_MINUTES` without a
    /// page, `BRAID_TOKEN_HOURS` after sign-in, or when its account signed out everywhere since; the sign-in page
    /// then says why.
    func pageActor() async throws -> Actor? {
        guard let text = session.data["user"], let id = UserID(text) else { return nil }
        let now = now
        let since = session.data["since"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? .distantPast
        let seen = session.data["seen"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? since
        var ended: SessionEnd?
        if now.timeIntervalSince(since) > braid.tokenLifetime {
            ended = .absolute
        } else if now.timeIntervalSince(seen) > braid.idleTimeout {
            ended = .idle
        } else if let cutoff = try await repository.signedOutEverywhereAt(id), since < cutoff {
            ended = .everywhere
        }
        guard let ended else {
            if now.timeIntervalSince(seen) > 60 { session.data["seen"] = String(now.timeIntervalSince1970) }
            return try await repository.actor(of: id)
        }
        if ended != .everywhere, let actor = try await repository.actor(of: id) {
            try await repository.appendAudit(
                AuditEvent(
                    programID: actor.programID, actorID: actor.userID, role: actor.role,
                    action: "auth.session-expired", clientID: nil, requestID: requestID, at: now))
        }
        session.data = SessionData()
        session.data["ended"] = ended.rawValue
        // Saved now: the redirect that follows is thrown, and a thrown response does not save the session.
        if let id = session.id {
            try await application.sessions.driver.updateSession(id, to: session.data, for: self).get()
        }
        return nil
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

/// Why a web session ended before its owner signed out.
enum SessionEnd: String, Sendable {
    case idle, absolute, everywhere
}

/// Signing out everywhere: the API's `DELETE /auth/tokens` and the pages' "Sign out everywhere".
enum SessionControl {
    static func signOutEverywhere(_ actor: Actor, _ req: Request) async throws {
        try await req.repository.signOutEverywhere(actor.userID, now: req.now)
        await req.application.tokenCache.forget(user: actor.userID)
        try await req.repository.appendAudit(
            AuditEvent(
                programID: actor.programID, actorID: actor.userID, role: actor.role, action: "auth.logout-everywhere",
                clientID: nil, requestID: req.requestID, at: req.now))
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
