import BraidCore
import BraidStore
import Vapor

/// Sign-in and the client's pages: Today, My pattern, How the cycle works (session cookie + CSRF).
enum SignedInController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.login) { req in
            WebController.html(SignedInViews.login(email: "", error: nil, crisis: req.braid.crisisResources))
        }
        pages.post(.login, use: login)
        pages.post(.logout) { req in
            _ = try req.verifiedForm()
            req.session.destroy()
            return req.redirect(to: SiteURL.home.path)
        }
        pages.get(.today, use: today)
        pages.post(.today, use: saveToday)
        pages.get(.pattern, use: pattern)
        pages.get(.cycle, use: cycle)
        pages.get(.safetyPlan, use: safetyPlan)
        pages.post(.safetyPlan, maxSize: "32kb", use: saveSafetyPlan)
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
        return req.redirect(to: account.role == .client ? SiteURL.today().path : SiteURL.caseload().path)
    }

    static func today(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let account = try await req.repository.user(actor.userID) else {
            return req.redirect(to: SiteURL.caseload().path)
        }
        let program = try await req.program(of: actor)
        return WebController.html(
            SignedInViews.today(
                name: account.name, date: program.today(now: req.now),
                saved: req.query[String.self, at: "saved"] == "1", values: [:], errors: [:], csrfToken: req.csrfToken,
                crisis: program.crisisResources))
    }

    static func saveToday(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let clientID = actor.clientID,
            let account = try await req.repository.user(actor.userID)
        else { return req.redirect(to: SiteURL.caseload().path) }
        let form = try req.verifiedForm()
        let entry = try await req.clinicalEntry(by: actor, through: .web)
        let client = ClientRef(id: clientID, programID: actor.programID)
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
        let committed: CommittedWrite
        do {
            committed = try await entry.recordCheckIn(
                try CheckInSubmission(json: .object(object)), for: client, through: req.application.checkInWriter,
                on: req.application.repository)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return WebController.html(
                SignedInViews.today(
                    name: account.name, date: entry.today, saved: false, values: form,
                    errors: [problem.field ?? "date": problem.message], csrfToken: req.csrfToken,
                    crisis: entry.program.crisisResources),
                status: .unprocessableEntity)
        }
        if committed.alert != nil {
            let plan = try await req.repository.safetyPlan(of: client)
            try await req.auditRead("safety-plan.read", clients: [clientID], by: actor)
            return WebController.html(
                SignedInViews.safety(crisis: entry.program.crisisResources, plan: plan, csrfToken: req.csrfToken))
        }
        return req.redirect(to: SiteURL.today(saved: true).path)
    }

    static func pattern(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let program = try await req.program(of: actor)
        let today = program.today(now: req.now)
        let insight = try await req.application.insights.insight(
            for: client, today: today, repository: req.repository, configuration: program.clinical)
        let checkIns = try await req.repository.checkIns(
            of: client.ref, from: today.adding(days: -(TimelineModel.patternDays - 1)))
        let screens = try await req.repository.screens(of: client.ref).map(\.screen)
        try await req.auditRead("pattern.read", clients: [client.id], by: actor)
        let model = TimelineModel(
            days: TimelineModel.patternDays, checkIns: checkIns, screens: screens, analysis: insight.analysis,
            today: today, configuration: program.clinical.analysis)
        return WebController.html(
            PatternView.render(model, csrfToken: req.csrfToken, crisis: program.crisisResources))
    }

    static func cycle(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let program = try await req.program(of: actor)
        let insight = try await req.application.insights.insight(
            for: client, today: program.today(now: req.now), repository: req.repository,
            configuration: program.clinical)
        try await req.auditRead("cycle.read", clients: [client.id], by: actor)
        return WebController.html(
            CycleView.render(
                CycleExplainer(analysis: insight.analysis), csrfToken: req.csrfToken, crisis: program.crisisResources))
    }

    /// The signed-in client's own record; staff are sent to the caseload.
    static func ownRecord(_ req: Request) async throws -> (Actor, ClientProfile) {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let clientID = actor.clientID,
            let client = try await req.repository.client(clientID, in: actor.programID)
        else { throw Abort.redirect(to: SiteURL.caseload().path) }
        return (actor, client)
    }

    static func safetyPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let program = try await req.program(of: actor)
        let stored = try await req.repository.safetyPlan(of: client.ref)
        try await req.auditRead("safety-plan.read", clients: [client.id], by: actor)
        return WebController.html(
            SafetyPlanView.render(
                title: "My safety plan", stored: stored, action: SiteURL.safetyPlan().path, values: nil, errors: [:],
                notice: req.query[String.self, at: "saved"] == "1" ? "Saved as a new version." : nil,
                back: (SiteURL.today().path, "Back to today"), csrfToken: req.csrfToken,
                crisis: program.crisisResources, timeZone: program.timeZone))
    }

    static func saveSafetyPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let form = try req.verifiedForm()
        let entry = try await req.clinicalEntry(by: actor, through: .web)
        let plan: SafetyPlan
        do {
            plan = try SafetyPlan(lines: SafetyPlanView.texts(form))
        } catch {
            return WebController.html(
                SafetyPlanView.render(
                    title: "My safety plan", stored: try await req.repository.safetyPlan(of: client.ref),
                    action: SiteURL.safetyPlan().path, values: form, errors: [error.field: error.message],
                    back: (SiteURL.today().path, "Back to today"), csrfToken: req.csrfToken,
                    crisis: entry.program.crisisResources, timeZone: entry.program.timeZone),
                status: .unprocessableEntity)
        }
        _ = try await entry.saveSafetyPlan(plan, for: client.ref)
        return req.redirect(to: SiteURL.safetyPlan(saved: true).path)
    }
}
