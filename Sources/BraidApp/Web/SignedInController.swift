import BraidCore
import BraidStore
import Vapor

/// Sign-in and the client's pages: Today, My pattern, How the cycle works (session cookie + CSRF).
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
        pages.get("pattern", use: pattern)
        pages.get("cycle", use: cycle)
        pages.get("safety-plan", use: safetyPlan)
        pages.on(.POST, "safety-plan", body: .collect(maxSize: "32kb"), use: saveSafetyPlan)
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
        if alert != nil {
            let plan = try await req.repository.safetyPlan(of: clientID)
            try await req.auditRead("safety-plan.read", clients: [clientID], by: actor)
            return WebController.html(SignedInViews.safety(crisis: crisis, plan: plan, csrfToken: req.csrfToken))
        }
        return req.redirect(to: WebSiteURL.today + "?saved=1")
    }

    static func pattern(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let clientID = client.id
        let today = req.today
        let insight = try await req.application.insights.insight(
            for: client, today: today, repository: req.repository, configuration: req.braid.clinical)
        let checkIns = try await req.repository.checkIns(
            of: clientID, from: today.adding(days: -(TimelineModel.patternDays - 1)))
        let screens = try await req.repository.screens(of: clientID).map(\.screen)
        try await req.auditRead("pattern.read", clients: [clientID], by: actor)
        let model = TimelineModel(
            days: TimelineModel.patternDays, checkIns: checkIns, screens: screens, analysis: insight.analysis,
            today: today, healthySleep: req.braid.clinical.analysis.healthySleepHours)
        return WebController.html(
            PatternView.render(
                model, csrfToken: req.csrfToken, crisis: try await req.crisisResources(for: actor.programID)))
    }

    static func cycle(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let insight = try await req.application.insights.insight(
            for: client, today: req.today, repository: req.repository, configuration: req.braid.clinical)
        try await req.auditRead("cycle.read", clients: [client.id], by: actor)
        return WebController.html(
            CycleView.render(
                CycleExplainer(analysis: insight.analysis), csrfToken: req.csrfToken,
                crisis: try await req.crisisResources(for: actor.programID)))
    }

    /// The signed-in client's own record; staff are sent to the caseload.
    static func ownRecord(_ req: Request) async throws -> (Actor, ClientProfile) {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let clientID = actor.clientID,
            let client = try await req.repository.client(clientID, in: actor.programID)
        else { throw Abort.redirect(to: WebSiteURL.caseload) }
        return (actor, client)
    }

    static func safetyPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let stored = try await req.repository.safetyPlan(of: client.id)
        try await req.auditRead("safety-plan.read", clients: [client.id], by: actor)
        return WebController.html(
            SafetyPlanView.render(
                title: "My safety plan", stored: stored, action: WebSiteURL.safetyPlan, values: nil, errors: [:],
                notice: req.query[String.self, at: "saved"] == "1" ? "Saved as a new version." : nil,
                back: (WebSiteURL.today, "Back to today"), csrfToken: req.csrfToken,
                crisis: try await req.crisisResources(for: actor.programID), timeZone: req.braid.timeZone))
    }

    static func saveSafetyPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let form = try req.verifiedForm()
        let plan: SafetyPlan
        do {
            plan = try SafetyPlan(lines: SafetyPlanView.texts(form))
        } catch {
            return WebController.html(
                SafetyPlanView.render(
                    title: "My safety plan", stored: try await req.repository.safetyPlan(of: client.id),
                    action: WebSiteURL.safetyPlan, values: form, errors: [error.field: error.message],
                    back: (WebSiteURL.today, "Back to today"), csrfToken: req.csrfToken,
                    crisis: try await req.crisisResources(for: actor.programID), timeZone: req.braid.timeZone),
                status: .unprocessableEntity)
        }
        _ = try await req.repository.saveSafetyPlan(
            plan, for: client, by: actor, requestID: req.requestID, now: req.now)
        return req.redirect(to: WebSiteURL.safetyPlan + "?saved=1")
    }
}
