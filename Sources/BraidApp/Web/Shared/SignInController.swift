import BraidCore
import BraidStore
import Vapor

/// Sign-in and sign-out for everyone (session cookie + CSRF). Clients land on Today, staff on the caseload.
enum SignInController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.login) { req in
            Response.html(
                SignedInViews.login(email: "", error: nil, crisis: req.braid.crisisResources, copy: req.publicCopy))
        }
        pages.post(.login, use: login)
        pages.post(.logout) { req in
            _ = try req.verifiedForm()
            req.session.destroy()
            return req.redirect(to: SiteURL.home.path)
        }
    }

    static func login(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        guard let account = try await Passwords.signIn(email: email, password: password, on: req) else {
            return Response.html(
                SignedInViews.login(
                    email: String(email.prefix(254)), error: req.publicCopy(.loginWrong),
                    crisis: req.braid.crisisResources, copy: req.publicCopy),
                status: .unauthorized)
        }
        try await startSession(req, for: account)
        try await req.repository.appendAudit(
            AuditEvent(
                programID: account.programID, actorID: account.id, role: account.role, action: "auth.login",
                clientID: nil, requestID: req.requestID, at: req.now))
        return req.redirect(to: landing(for: account.role))
    }

    /// A fresh session on sign-in (no fixation): drop any earlier one, then start a new id and CSRF token.
    static func startSession(_ req: Request, for account: UserAccount) async throws {
        if let previous = req.session.id {
            try await req.application.sessions.driver.deleteSession(previous, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data["user"] = account.id.description
        _ = req.csrfToken
    }

    /// Where each role starts: clients on Today, care staff on the caseload, program leads on the aggregates.
    static func landing(for role: Role) -> String {
        switch role {
        case .client: SiteURL.today().path
        case .clinician, .admin: SiteURL.caseload().path
        case .programLead: SiteURL.programOverview().path
        }
    }
}

extension Response {
    /// An HTML page response.
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        return response
    }
}
