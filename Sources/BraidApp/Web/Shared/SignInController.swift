import BraidCore
import BraidStore
import Vapor

/// Sign-in and sign-out for everyone (session cookie + CSRF). Clients land on Today, staff on the caseload.
enum SignInController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.login) { req in
            // A session that ended on its own says why, once.
            let ended = req.session.data["ended"].flatMap(SessionEnd.init(rawValue:))
            if ended != nil { req.session.data["ended"] = nil }
            let copy = req.publicCopy
            let notice: String? =
                switch ended {
                case .idle: copy(.loginEndedIdle, ["minutes": String(Int(req.braid.idleTimeout / 60))])
                case .absolute: copy(.loginEndedAbsolute)
                case .everywhere: copy(.loginEndedEverywhere)
                case nil: nil
                }
            return Response.html(
                SignedInViews.login(
                    email: "", error: nil, notice: notice, crisis: req.braid.crisisResources, copy: copy))
        }
        pages.post(.login, use: login)
        pages.post(.logout) { req in
            let form = try req.verifiedForm()
            if let actor = try await req.pageActor(), form["everywhere"] == "1" {
                try await SessionControl.signOutEverywhere(actor, req)
            } else if let actor = try await req.pageActor() {
                try await req.repository.appendAudit(
                    AuditEvent(
                        programID: actor.programID, actorID: actor.userID, role: actor.role, action: "auth.logout",
                        clientID: nil, requestID: req.requestID, at: req.now))
            }
            req.session.destroy()
            return req.redirect(to: SiteURL.home.path)
        }
    }

    static func login(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        let signedIn: UserAccount?
        do {
            signedIn = try await Passwords.signIn(email: email, password: password, on: req)
        } catch let error as APIError where error.status == .tooManyRequests {
            let response = Response.html(
                SignedInViews.login(
                    email: String(email.prefix(254)), error: error.message, crisis: req.braid.crisisResources,
                    copy: req.publicCopy),
                status: .tooManyRequests)
            response.headers.add(contentsOf: error.headers)
            return response
        }
        guard let account = signedIn else {
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
        req.session.data["since"] = String(req.now.timeIntervalSince1970)
        req.session.data["seen"] = String(req.now.timeIntervalSince1970)
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
