import BraidCore
import BraidStore
import Plot
import Vapor

/// The client's own pages: Today's check-in, My pattern, How the cycle works, My safety plan. Staff who open
/// them are sent to the caseload.
enum ClientPagesController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.today, use: today)
        pages.post(.today, use: saveToday)
        pages.get(.pattern, use: pattern)
        pages.get(.cycle, use: cycle)
        pages.get(.myPlan, use: myPlan)
        pages.get(.safetyPlan, use: safetyPlan)
        pages.post(.safetyPlan, maxSize: "32kb", use: saveSafetyPlan)
        pages.get(.relapsePlan, use: relapsePlan)
        pages.get(.reminders, use: reminders)
        pages.post(.reminders, use: saveReminders)
        pages.post(.relapsePlan, maxSize: "32kb", use: saveRelapsePlan)
    }

    static func today(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let context = try await req.pageContext(for: actor)
        return Response.html(
            TodayView.render(
                name: client.displayName, saved: req.query[String.self, at: "saved"] == "1", values: [:],
                errors: [:], cards: try await todayCards(req, actor: actor, client: client.ref, context: context),
                context: context))
    }

    /// What Today shows above the check-in: group homework still to do, and contingency management while
    /// enrolled.
    static func todayCards(_ req: Request, actor: Actor, client: ClientRef, context: PageContext) async throws
        -> Node<HTML.BodyContext>
    {
        let groups = try await req.groups(by: actor).mine(client)
        let homework: Node<HTML.BodyContext> =
            groups.current.isEmpty
            ? .empty : TodayView.homeworkCard(groups, copy: context.copy, csrf: context.csrfToken)
        if !groups.groups.isEmpty { try await req.auditRead("groups.read", clients: [client.id], by: actor) }
        guard let contingency = try await req.contingency(by: actor).view(of: client), contingency.enrollment.isActive
        else { return homework }
        try await req.auditRead("cm.read", clients: [client.id], by: actor)
        return .group(
            homework, TodayView.contingencyCard(contingency.summary, today: context.today, copy: context.copy))
    }

    static func saveToday(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        // The session already names the client record: no query before the write.
        guard actor.role == .client, let clientID = actor.clientID else {
            return req.redirect(to: SiteURL.caseload().path)
        }
        let form = try req.verifiedForm()
        let entry = try await req.clinicalEntry(by: actor, through: .web)
        let client = ClientRef(id: clientID, programID: actor.programID)
        let committed: CommittedWrite
        do {
            committed = try await entry.recordCheckIn(
                try CheckInSubmission(json: TodayView.submission(form)), for: client,
                through: req.application.checkInWriter, on: req.application.repository)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            guard let profile = try await req.repository.client(clientID, in: actor.programID) else {
                throw APIError.notFound("client record")
            }
            let context = try await req.pageContext(for: actor)
            return Response.html(
                TodayView.render(
                    name: profile.displayName, saved: false, values: form,
                    errors: [problem.field ?? "date": problem.message],
                    cards: try await todayCards(req, actor: actor, client: client, context: context),
                    context: context),
                status: .unprocessableEntity)
        }
        if committed.alert != nil {
            let plan = try await req.repository.safetyPlan(of: client)
            try await req.auditRead("safety-plan.read", clients: [clientID], by: actor)
            return Response.html(TodayView.safety(plan: plan, context: try await req.pageContext(for: actor)))
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
        return Response.html(PatternView.render(model, context: try await req.pageContext(for: actor)))
    }

    static func cycle(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let program = try await req.program(of: actor)
        let insight = try await req.application.insights.insight(
            for: client, today: program.today(now: req.now), repository: req.repository,
            configuration: program.clinical)
        try await req.auditRead("cycle.read", clients: [client.id], by: actor)
        return Response.html(
            CycleView.render(
                CycleExplainer(analysis: insight.analysis, configuration: program.clinical.analysis),
                context: try await req.pageContext(for: actor))
        )
    }

    /// The signed-in client's own record; staff are sent to the caseload.
    static func ownRecord(_ req: Request) async throws -> (Actor, ClientProfile) {
        let actor = try await req.requirePageActor()
        guard actor.role == .client, let clientID = actor.clientID,
            let client = try await req.repository.client(clientID, in: actor.programID)
        else { throw Abort.redirect(to: SiteURL.caseload().path) }
        return (actor, client)
    }

    /// "My plan": what we're working on, the client's goals and how they are doing, in plain words.
    static func myPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let view = try await req.treatmentPlans(by: actor).view(of: client)
        let medications = try await req.medications(by: actor).view(of: client.ref, withNotes: false)
        try await req.auditRead("plan.read", clients: [client.id], by: actor)
        return Response.html(
            MyPlanView.render(view, medications: medications, context: try await req.pageContext(for: actor)))
    }

    static func safetyPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        return try await KeptPlanPages<SafetyPlanSection>.own().show(req, actor: actor, client: client)
    }

    static func saveSafetyPlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        return try await KeptPlanPages<SafetyPlanSection>.own().save(req, actor: actor, client: client)
    }

    static func relapsePlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        return try await KeptPlanPages<RelapsePlanSection>.own().show(req, actor: actor, client: client)
    }

    static func saveRelapsePlan(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        return try await KeptPlanPages<RelapsePlanSection>.own().save(req, actor: actor, client: client)
    }

    static func reminders(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let copy = try await req.pageContext(for: actor).copy
        return try await renderReminders(
            req, actor: actor, client: client,
            notice: req.query[String.self, at: "saved"] == "1" ? copy(.savedNotice) : nil)
    }

    static func renderReminders(
        _ req: Request, actor: Actor, client: ClientProfile, values: [String: String]? = nil,
        errors: [String: String] = [:], notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let preferences = try await req.repository.reminderPreferences(of: client.ref) ?? ReminderPreferences()
        let channels = NotificationSettings.from(history: try await req.repository.settingChanges(in: actor.programID))
            .channels
        return Response.html(
            RemindersView.render(
                preferences, channelsReady: !channels.isEmpty, values: values, errors: errors, notice: notice,
                context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func saveReminders(_ req: Request) async throws -> Response {
        let (actor, client) = try await ownRecord(req)
        let form = try req.verifiedForm()
        let preferences: ReminderPreferences
        do {
            preferences = try ReminderPreferences(
                kinds: ReminderKind.allCases.map(\.rawValue).filter { form["kind-\($0)"] == "on" },
                time: form["time"] ?? "", quietHours: "\(form["quietStart"] ?? "")-\(form["quietEnd"] ?? "")")
        } catch {
            let field = error.field == "quietHours" ? "quietStart" : error.field
            return try await renderReminders(
                req, actor: actor, client: client, values: form, errors: [field: error.message],
                status: .unprocessableEntity)
        }
        try await req.reminderPreferences(by: actor).save(preferences, for: client.ref)
        return req.redirect(to: SiteURL.reminders(saved: true).path)
    }
}
