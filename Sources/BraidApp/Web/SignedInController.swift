import BraidCore
import BraidStore
import Vapor

/// Sign-in, the client's Today page and the clinician's caseload (session cookie + CSRF).
enum SignedInController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get("login") { req in
            WebController.html(SignedInViews.login(email: "", error: nil, crisis: req.braid.crisisResources))
        }
        pages.on(.POST, "login", body: .collect(maxSize: "16kb"), use: login)
        pages.on(.POST, "logout", body: .collect(maxSize: "16kb")) { req in
            _ = try req.verifiedForm()
            req.session.destroy()
            return req.redirect(to: SiteURL.home.path)
        }
        pages.get("today", use: today)
        pages.on(.POST, "today", body: .collect(maxSize: "16kb"), use: saveToday)
        pages.get("caseload", use: caseload)
        pages.get("pattern", use: pattern)
        pages.on(.POST, "alerts", ":id", "acknowledge", body: .collect(maxSize: "16kb"), use: acknowledge)
    }

    static func login(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        guard let account = try await Passwords.signIn(email: email, password: password, on: req) else {
            return WebController.html(
                SignedInViews.login(
                    email: String(email.prefix(254)), error: "Email or password is wrong.",
                    crisis: req.braid.crisisResources),
                status: .unauthorized)
        }
        // A fresh session on sign-in (no fixation): drop any earlier one, then start a new id and CSRF token.
        if let previous = req.session.id {
            try await req.application.sessions.driver.deleteSession(previous, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
        req.session.data["user"] = account.id.description
        _ = req.csrfToken
        try await req.repository.appendAudit(
            AuditEvent(
                programID: account.programID, actorID: account.id, role: account.role, action: "auth.login",
                clientID: nil, requestID: req.requestID, at: req.now))
        return req.redirect(to: account.role == .client ? WebSiteURL.today : WebSiteURL.caseload)
    }

    static func today(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let account = try await req.repository.user(actor.userID) else {
            return req.redirect(to: WebSiteURL.caseload)
        }
        return WebController.html(
            SignedInViews.today(
                name: account.name, date: req.today, saved: req.query[String.self, at: "saved"] == "1", values: [:],
                errors: [:], csrfToken: req.csrfToken, crisis: try await req.crisisResources(for: actor.programID)))
    }

    static func saveToday(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let clientID = actor.clientID,
            let account = try await req.repository.user(actor.userID)
        else { return req.redirect(to: WebSiteURL.caseload) }
        let form = try req.verifiedForm()
        let crisis = try await req.crisisResources(for: actor.programID)
        // The form becomes the same JSON the API validates, so both paths share one set of rules.
        var object: [String: JSONValue] = [:]
        for field in ["mood", "craving", "enjoyment", "energy", "irritability", "sleepHours"] {
            if let text = form[field], !text.isEmpty {
                object[field] = Double(text).map(JSONValue.number) ?? .string(text)
            }
        }
        for field in ["used", "safety"] {
            if let text = form[field], !text.isEmpty {
                object[field] = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            }
        }
        if let date = form["date"], !date.isEmpty { object["date"] = .string(date) }
        let submission: CheckInSubmission
        do {
            submission = try CheckInSubmission(json: .object(object))
        } catch {
            return WebController.html(
                SignedInViews.today(
                    name: account.name, date: req.today, saved: false, values: form,
                    errors: [error.field: error.message],
                    csrfToken: req.csrfToken, crisis: crisis),
                status: .unprocessableEntity)
        }
        let date = submission.date ?? req.today
        guard date <= req.today, date.days(to: req.today) <= MeController.backfillDays else {
            return WebController.html(
                SignedInViews.today(
                    name: account.name, date: req.today, saved: false, values: form,
                    errors: ["date": "must be today or a recent day"], csrfToken: req.csrfToken, crisis: crisis),
                status: .unprocessableEntity)
        }
        let (_, alert) = try await req.application.checkInWriter.record(
            CheckInWrite(
                values: submission.values, date: date, client: ClientRef(id: clientID, programID: actor.programID),
                author: actor, requestID: req.requestID, now: req.now),
            repository: req.application.repository)
        if alert != nil { return WebController.html(SignedInViews.safety(crisis: crisis, csrfToken: req.csrfToken)) }
        return req.redirect(to: WebSiteURL.today + "?saved=1")
    }

    static func pattern(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let clientID = actor.clientID,
            let client = try await req.repository.client(clientID, in: actor.programID)
        else { return req.redirect(to: WebSiteURL.caseload) }
        let today = req.today
        let insight = try await req.application.insights.insight(
            for: client, today: today, repository: req.repository, configuration: req.braid.clinical)
        let checkIns = try await req.repository.checkIns(
            of: clientID, from: today.adding(days: -(PatternModel.days - 1)))
        let screens = try await req.repository.screens(of: clientID).map(\.screen)
        try await req.auditRead("pattern.read", clients: [clientID], by: actor)
        let model = PatternModel(checkIns: checkIns, screens: screens, analysis: insight.analysis, today: today)
        return WebController.html(
            PatternView.render(
                model, csrfToken: req.csrfToken, crisis: try await req.crisisResources(for: actor.programID)))
    }

    static func caseload(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard actor.role != .client, let account = try await req.repository.user(actor.userID) else {
            return req.redirect(to: WebSiteURL.today)
        }
        let rows = try await Caseload.query(on: req, for: actor).map { entry in
            SignedInViews.CaseloadRow(
                id: entry.client.id.description, name: entry.client.displayName, alerts: entry.openAlerts,
                flags: entry.insight.analysis.flags.map(\.id.rawValue),
                latestPHQ9: entry.latestPHQ9.map { "\($0.score.total) (\($0.severity.rawValue))" } ?? "—",
                useDaysLast30: entry.insight.analysis.use.useDaysLast30,
                classification: entry.insight.analysis.classification.rawValue)
        }
        return WebController.html(
            SignedInViews.caseload(
                name: account.name, rows: rows, csrfToken: req.csrfToken,
                crisis: try await req.crisisResources(for: actor.programID)))
    }

    static func acknowledge(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        let form = try req.verifiedForm()
        guard actor.role != .client, let id = req.parameters.get("id").flatMap(AlertID.init),
            let alert = try await req.repository.alert(id, in: actor.programID),
            let client = try await req.repository.client(alert.clientID, in: actor.programID),
            AccessPolicy.mayAccessClinicalRecord(
                of: client.id, in: client.programID, careTeam: Set(client.careTeam), actor: actor)
        else { throw Abort(.notFound, reason: "no such alert") }
        let note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, note.count <= 2_000 else {
            throw Abort(.unprocessableEntity, reason: "note: write what you did (1–2,000 characters)")
        }
        _ = try await req.repository.acknowledge(id, note: note, by: actor, requestID: req.requestID, now: req.now)
        return req.redirect(to: WebSiteURL.caseload)
    }
}
