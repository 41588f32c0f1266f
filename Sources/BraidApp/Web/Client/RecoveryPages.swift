import BraidCore
import BraidStore
import Foundation
import Plot
import Vapor

/// The client's recovery-tool pages (issue 14): each writes through the same entry path as the API
/// (`ClinicalEntry`, BraidCore's validation), so a page and an endpoint cannot drift apart. A bad answer
/// re-shows the form with the field's message and what was typed (422); a diary card's suicide urge or
/// self-harm shows the crisis page at once.
enum RecoveryPages {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.recovery, use: hub)
        pages.get(.thoughtRecords, use: thoughtRecords)
        pages.post(.thoughtRecords, use: saveThoughtRecord)
        pages.get(.newThoughtRecord, use: newThoughtRecord)
        pages.get(.diaryCard, use: diaryCard)
        pages.post(.diaryCard, maxSize: "64kb", use: saveDiaryCard)
        pages.get(.activities, use: activities)
        pages.post(.activities, use: addActivity)
        pages.post(.rateActivity, use: rateActivity)
        pages.get(.paws, use: paws)
        pages.get(.support, use: support)
        pages.post(.support, use: addContact)
        pages.post(.removeContact, use: removeContact)
        pages.post(.meetings, use: addMeeting)
        pages.get(.myGroups, use: myGroups)
        pages.post(.homeworkDone, use: homeworkDone)
        pages.get(.profile, use: profile)
        pages.post(.profile, use: saveProfile)
    }

    /// The signed-in client, their page context and their reading of the record.
    struct Visit {
        let actor: Actor
        let client: ClientProfile
        let context: PageContext
        let reading: RecoveryReading
        var copy: Copy { context.copy }
    }

    static func visit(_ req: Request) async throws -> Visit {
        let (actor, client) = try await ClientPagesController.ownRecord(req)
        let context = try await req.pageContext(for: actor)
        return Visit(
            actor: actor, client: client, context: context,
            reading: RecoveryReading(store: req.repository, client: client.ref, today: context.today))
    }

    static func notice(_ req: Request, _ copy: Copy) -> String? {
        req.query[String.self, at: "saved"] == "1" ? copy(.savedNotice) : nil
    }

    /// The error of a refused write as the form's field and message, or rethrows anything else.
    static func refusal(_ error: any Error, field: (String) -> String = { $0 }) throws -> [String: String] {
        let problem = APIError.from(error)
        guard problem.status == .unprocessableEntity else { throw problem }
        return [field(problem.field ?? "form"): problem.message]
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    static func hub(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        return Response.html(SupportView.hub(context: visit.context))
    }

    // MARK: Thought records

    static func thoughtRecords(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let (records, _) = try await visit.reading.thoughtRecords()
        try await req.auditRead("thought-record.read", clients: [visit.client.id], by: visit.actor)
        return Response.html(
            ThoughtRecordsView.list(records, notice: notice(req, visit.copy), context: visit.context))
    }

    static func newThoughtRecord(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        var values: [String: String] = ["date": visit.context.today.description]
        if let starter = req.query[String.self, at: "starter"],
            let keys = ThoughtRecordsView.starterKeys(starter)
        {
            values["starterThought"] = starter
            values["automaticThought"] = visit.copy(keys.thought)
        }
        return Response.html(ThoughtRecordsView.form(values: values, errors: [:], context: visit.context))
    }

    static func saveThoughtRecord(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let form = try req.verifiedForm()
        let (body, rows) = ThoughtRecordsView.submission(form)
        do {
            _ = try await req.clinicalEntry(by: visit.actor, through: .web).createRecovery(
                .thoughtRecord, body, for: visit.client.ref)
        } catch {
            let errors = try refusal(error) { ThoughtRecordsView.formField($0, rows: rows) }
            return Response.html(
                ThoughtRecordsView.form(values: form, errors: errors, context: visit.context),
                status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.thoughtRecords(saved: true).path)
    }

    // MARK: Diary card

    static func diaryCard(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let today = visit.context.today
        let thisWeek = today.adding(days: 1 - today.isoWeekday)
        var weekStart = thisWeek
        if let text = req.query[String.self, at: "week"] {
            guard let date = CalendarDate(iso: text), date <= today,
                date >= today.adding(days: -DiaryCard.maximumDaysBack)
            else {
                throw Abort(.badRequest, reason: "week must be a date YYYY-MM-DD in the last 90 days")
            }
            weekStart = date
        }
        let stored = try await req.repository.diaryCard(weekStarting: weekStart, of: visit.client.ref)
        try await req.auditRead("diary-card.read", clients: [visit.client.id], by: visit.actor)
        return Response.html(
            DiaryCardView.render(
                card: stored?.item.diaryCard, weekStart: weekStart, values: [:], errors: [:],
                notice: notice(req, visit.copy), context: visit.context))
    }

    static func saveDiaryCard(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let form = try req.verifiedForm()
        let today = visit.context.today
        guard let weekStart = form["weekStart"].flatMap({ CalendarDate(iso: $0) }) else {
            throw Abort(.badRequest, reason: "weekStart must be a date YYYY-MM-DD")
        }
        let (body, dates) = DiaryCardView.submission(form, weekStart: weekStart, today: today)
        let committed: CommittedWrite
        do {
            committed = try await req.clinicalEntry(by: visit.actor, through: .web).saveDiaryCard(
                body, for: visit.client.ref)
        } catch {
            let errors = try refusal(error) { DiaryCardView.formField($0, dates: dates) }
            let stored = try await req.repository.diaryCard(weekStarting: weekStart, of: visit.client.ref)
            return Response.html(
                DiaryCardView.render(
                    card: stored?.item.diaryCard, weekStart: weekStart, values: form, errors: errors, notice: nil,
                    context: visit.context),
                status: .unprocessableEntity)
        }
        if committed.alert != nil {
            let plan = try await req.repository.safetyPlan(of: visit.client.ref)
            try await req.auditRead("safety-plan.read", clients: [visit.client.id], by: visit.actor)
            return Response.html(
                TodayView.safety(plan: plan, saved: visit.copy(.diarySavedAlerted), context: visit.context))
        }
        return req.redirect(to: SiteURL.diaryCard(week: weekStart, saved: true).path)
    }

    // MARK: Activities, PAWS

    static func activities(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        return try await renderActivities(req, visit, values: ["date": visit.context.today.description], errors: [:])
    }

    static func renderActivities(
        _ req: Request, _ visit: Visit, values: [String: String], errors: [String: String], status: HTTPStatus = .ok
    ) async throws -> Response {
        let (activities, trend) = try await visit.reading.activities()
        try await req.auditRead("activity.read", clients: [visit.client.id], by: visit.actor)
        return Response.html(
            ActivitiesView.render(
                activities, trend: trend, values: values, errors: errors,
                notice: status == .ok ? notice(req, visit.copy) : nil, context: visit.context),
            status: status)
    }

    static func addActivity(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let form = try req.verifiedForm()
        let body = ClientForms.json(
            form, text: ["title", "kind", "lifeArea", "date"], numbers: ["expectedEnjoyment"])
        do {
            _ = try await req.clinicalEntry(by: visit.actor, through: .web).createRecovery(
                .activity, .object(body), for: visit.client.ref)
        } catch {
            return try await renderActivities(
                req, visit, values: form, errors: try refusal(error), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.activities(saved: true).path)
    }

    static func rateActivity(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let form = try req.verifiedForm()
        let id = try id(req)
        let key = id.uuidString.lowercased()
        let body = ClientForms.json(
            ["done": form["done-\(key)"] ?? "", "enjoyment": form["enjoyment-\(key)"] ?? ""], text: [],
            numbers: ["enjoyment"], booleans: ["done"])
        do {
            _ = try await req.clinicalEntry(by: visit.actor, through: .web).rateActivity(
                id, .object(body), for: visit.client.ref)
        } catch {
            let errors = try refusal(error) { "\($0)-\(key)" }
            return try await renderActivities(req, visit, values: form, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.activities(saved: true).path)
    }

    static func paws(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let trend = try await visit.reading.paws()
        try await req.auditRead("paws.read", clients: [visit.client.id], by: visit.actor)
        return Response.html(ActivitiesView.paws(trend, context: visit.context))
    }

    // MARK: Support

    static func support(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        return try await renderSupport(req, visit, values: [:], errors: [:])
    }

    static func renderSupport(
        _ req: Request, _ visit: Visit, values: [String: String], errors: [String: String], status: HTTPStatus = .ok
    ) async throws -> Response {
        let (contacts, meetings) = try await visit.reading.support()
        try await req.auditRead("support.read", clients: [visit.client.id], by: visit.actor)
        return Response.html(
            SupportView.render(
                contacts: contacts, meetings: meetings, values: values, errors: errors,
                notice: status == .ok ? notice(req, visit.copy) : nil, context: visit.context),
            status: status)
    }

    static func addContact(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let form = try req.verifiedForm()
        var body = ClientForms.json(form, text: ["name", "role", "reach"])
        body["crisisContact"] = .bool(form["crisisContact"] == "on")
        do {
            _ = try await req.clinicalEntry(by: visit.actor, through: .web).createRecovery(
                .supportContact, .object(body), for: visit.client.ref)
        } catch {
            return try await renderSupport(
                req, visit, values: form, errors: try refusal(error), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.support(saved: true).path)
    }

    static func removeContact(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        _ = try req.verifiedForm()
        try await req.clinicalEntry(by: visit.actor, through: .web).removeContact(try id(req), for: visit.client.ref)
        return req.redirect(to: SiteURL.support(saved: true).path)
    }

    static func addMeeting(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let form = try req.verifiedForm()
        var body = ClientForms.json(
            [
                "fellowship": form["fellowship"] ?? "", "name": form["meetingName"] ?? "",
                "date": form["meetingDate"] ?? "",
            ],
            text: ["fellowship", "name", "date"])
        if form["online"] == "on" { body["online"] = .bool(true) }
        do {
            _ = try await req.clinicalEntry(by: visit.actor, through: .web).createRecovery(
                .meeting, .object(body), for: visit.client.ref)
        } catch {
            let errors = try refusal(error) { field in
                ["name": "meetingName", "date": "meetingDate"][field] ?? field
            }
            return try await renderSupport(req, visit, values: form, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.support(saved: true).path)
    }

    // MARK: Groups, profile

    static func myGroups(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        let view = try await req.groups(by: visit.actor).mine(visit.client.ref)
        try await req.auditRead("groups.read", clients: [visit.client.id], by: visit.actor)
        return Response.html(SupportView.groups(view, notice: notice(req, visit.copy), context: visit.context))
    }

    static func homeworkDone(_ req: Request) async throws -> Response {
        let (actor, client) = try await ClientPagesController.ownRecord(req)
        let form = try req.verifiedForm()
        try await req.groups(by: actor).markDone(try id(req), client: client.ref)
        return req.redirect(
            to: form["from"] == "today" ? SiteURL.today(saved: true).path : SiteURL.myGroups(saved: true).path)
    }

    static func profile(_ req: Request) async throws -> Response {
        let visit = try await visit(req)
        return Response.html(
            SupportView.profile(language: visit.copy.language, notice: notice(req, visit.copy), context: visit.context))
    }

    static func saveProfile(_ req: Request) async throws -> Response {
        let (actor, _) = try await ClientPagesController.ownRecord(req)
        let form = try req.verifiedForm()
        guard let language = form["language"].flatMap(SpokenLanguage.init(rawValue:)) else {
            let visit = try await visit(req)
            return Response.html(
                SupportView.profile(
                    language: visit.copy.language, notice: visit.copy(.profileChoose), context: visit.context),
                status: .unprocessableEntity)
        }
        try await req.repository.setLanguage(language, of: actor.userID, in: actor.programID)
        try await req.repository.appendAudit(
            AuditEvent(
                programID: actor.programID, actorID: actor.userID, role: actor.role, action: "profile.update",
                clientID: actor.clientID, requestID: req.requestID, at: req.now))
        return req.redirect(to: SiteURL.profile(saved: true).path)
    }
}
