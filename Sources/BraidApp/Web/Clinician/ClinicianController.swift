import BraidCore
import BraidStore
import Vapor

/// The clinician's pages: the caseload, a client's chart, and the forms that enter instruments, the ordering
/// interview and urine screens. Entries go through `ClinicalEntry`, the API's own path.
enum ClinicianController {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.caseload, use: caseload)
        pages.get(.chart, use: chart)
        pages.get(.newAssessment, use: newAssessment)
        pages.post(.assessments, use: saveAssessment)
        pages.get(.ordering, use: newOrdering)
        pages.post(.ordering, use: saveOrdering)
        pages.post(.screens, use: saveScreen)
        pages.get(.clientSafetyPlan, use: safetyPlan)
        pages.post(.clientSafetyPlan, maxSize: "32kb", use: saveSafetyPlan)
        pages.get(.clientRelapsePlan, use: relapsePlan)
        pages.post(.clientRelapsePlan, maxSize: "32kb", use: saveRelapsePlan)
        pages.post(.acknowledge, use: acknowledge)
        pages.post(.admit, use: admit)
        pages.post(.discharge, use: discharge)
        pages.post(.levelDecision, use: decideLevel)
        pages.post(.levelFactors, use: saveLevelFactors)
        pages.post(.signPlan, maxSize: "64kb", use: signPlan)
    }

    /// A signed-in member of the care staff; clients are sent to their own Today page and program leads to the
    /// program's aggregates.
    static func staff(_ req: Request) async throws -> Actor {
        let actor = try await req.requirePageActor()
        switch actor.role {
        case .client: throw Abort.redirect(to: SiteURL.today().path)
        case .programLead: throw Abort.redirect(to: SiteURL.programOverview().path)
        case .clinician, .admin: return actor
        }
    }

    static func caseload(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        guard let account = try await req.repository.user(actor.userID) else {
            throw Abort.redirect(to: SiteURL.login.path)
        }
        let sortText = req.query[String.self, at: "sort"] ?? CaseloadSort.urgency.rawValue
        guard let sort = CaseloadSort(rawValue: sortText) else {
            let allowed = CaseloadSort.allCases.map(\.rawValue).joined(separator: ", ")
            throw Abort(.badRequest, reason: "sort: '\(sortText.prefix(40))' is not a column (allowed: \(allowed))")
        }
        let showText = req.query[String.self, at: "show"] ?? CaseloadShow.active.rawValue
        guard let show = CaseloadShow(rawValue: showText) else {
            throw Abort(.badRequest, reason: "show: '\(showText.prefix(40))' is not active or discharged")
        }
        let program = try await req.program(of: actor)
        let analysisConfiguration = program.clinical.analysis
        let today = program.today(now: req.now)
        let rows = try await Caseload.query(on: req, for: actor, show: show).enumerated().map { index, entry in
            CaseloadRow(
                id: entry.client.id, name: entry.client.displayName, alerts: entry.openAlerts,
                flags: entry.flags.map { FlagText($0.id, analysisConfiguration) }, status: entry.status,
                level: entry.level, planReviewDue: entry.planReviewDue(today: today),
                phq9: entry.latestPHQ9.map { ($0.score.total, $0.severity) },
                useDaysLast30: entry.insight.analysis.use.useDaysLast30,
                classification: entry.insight.analysis.classification, lastCheckIn: entry.insight.analysis.days.last,
                urgency: index)
        }
        // The caseload already read every open alert: the page's banner takes them from the rows.
        let alerts = rows.flatMap { row in
            row.alerts.map { OpenAlertItem(alert: $0, clientID: row.id, clientName: row.name) }
        }.sorted { SafetyAlert.triageOrder($0.alert, $1.alert) }
        return Response.html(
            ClinicianViews.caseload(
                name: account.name, rows: sort.sorted(rows), sort: sort, show: show, isAdmin: actor.role == .admin,
                context: try await req.pageContext(for: actor, alerts: alerts)))
    }

    static func chart(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        return try await renderChart(req, actor: actor, client: client, notice: req.query[String.self, at: "saved"])
    }

    static func renderChart(
        _ req: Request, actor: Actor, client: ClientProfile, notice: String?, screenValues: [String: String] = [:],
        screenErrors: [String: String] = [:], episodeValues: [String: String] = [:],
        episodeErrors: [String: String] = [:], levelValues: [String: String] = [:],
        levelErrors: [String: String] = [:], planErrors: [String: String] = [:],
        care: ChartCareForms = ChartCareForms(), status: HTTPStatus = .ok
    ) async throws -> Response {
        let daysText = req.query[String.self, at: "days"] ?? "90"
        guard let days = Int(daysText), TimelineModel.spans.contains(days) else {
            throw Abort(.badRequest, reason: "days: '\(daysText.prefix(20))' is not 30, 90 or 365")
        }
        let context = try await req.pageContext(for: actor)
        let configuration = try await req.program(of: actor).clinical
        let today = context.today
        let insight = try await req.application.insights.insight(
            for: client, today: today, repository: req.repository, configuration: configuration)
        let checkIns = try await req.repository.checkIns(of: client.ref, from: today.adding(days: -(days - 1)))
        let screens = try await req.repository.screens(of: client.ref)
        let model = ClientChartModel(
            client: client,
            timeline: TimelineModel(
                days: days, subject: "\(client.displayName)’s", checkIns: checkIns, screens: screens.map(\.screen),
                analysis: insight.analysis, today: today, configuration: configuration.analysis),
            assessments: try await req.repository.assessments(of: client.ref), screens: screens,
            alerts: try await req.repository.alerts(of: [client.ref], openOnly: false), scoring: configuration.scoring,
            today: today, analysisConfiguration: configuration.analysis,
            episodes: try await req.repository.episodes(of: [client.ref])[client.id] ?? [])
        let level = try await req.levelOfCare(by: actor).view(of: client)
        let outcome = try await episodeOutcome(req, model: model, history: level.history, configuration: configuration)
        let plan = try await req.treatmentPlans(by: actor).view(of: client)
        let contingency = try await req.contingency(by: actor)
        var names: [UserID: String] = [:]
        for id in Set(level.decisions.compactMap(\.decidedBy)) { names[id] = try await req.repository.user(id)?.name }
        try await req.auditRead("chart.read", clients: [client.id], by: actor)
        return Response.html(
            ClinicianViews.chart(
                model, notice: notice.flatMap(Self.notice), screenValues: screenValues, screenErrors: screenErrors,
                episodeForm: (episodeValues, episodeErrors),
                level: LevelViews.section(
                    client.id, view: level, values: levelValues, errors: levelErrors, timeZone: context.timeZone,
                    names: names, csrfToken: context.csrfToken),
                plan: PlanViews.section(client.id, view: plan, errors: planErrors, csrfToken: context.csrfToken),
                care: .group(
                    OutcomeViews.section(outcome),
                    ContingencyViews.section(
                        client.id, view: try await contingency.view(of: client.ref),
                        offer: try await contingency.offer(), today: today, values: care.contingency.values,
                        errors: care.contingency.errors, csrfToken: context.csrfToken),
                    MedicationViews.section(
                        client.id, view: try await req.medications(by: actor).view(of: client.ref, withNotes: true),
                        values: care.medications.values, errors: care.medications.errors,
                        csrfToken: context.csrfToken)),
                context: context),
            status: status)
    }

    /// The outcomes of the client's latest episode (§9), from its admission to its discharge or today.
    static func episodeOutcome(
        _ req: Request, model: ClientChartModel, history: [LevelPeriod], configuration: ClinicalConfiguration
    ) async throws -> EpisodeOutcome? {
        guard let episode = model.episodes.max(by: { $0.admittedOn < $1.admittedOn }) else { return nil }
        let checkIns = try await req.repository.checkIns(
            of: model.client.ref, from: episode.admittedOn, through: episode.dischargedOn ?? model.today)
        let totals = Dictionary(
            uniqueKeysWithValues: MeasurementOutcome.instruments.map { id in
                (id, model.totals(id).map { DatedScore(date: $0.date, total: $0.total) })
            })
        // The level history is the current (or last) episode's; another episode's steps are not this one's.
        let levels = history.first?.from == episode.admittedOn ? history : []
        return EpisodeOutcome(
            episode: episode, today: model.today, totals: totals,
            checkIns: checkIns.map { $0.values.day(on: $0.date) },
            screens: model.screens.map(\.screen), levels: levels, configuration: configuration.outcomes)
    }

    /// The confirmation after a save, from a fixed list (never echoed from the query; anything else shows none).
    static func notice(_ saved: String) -> String? {
        switch saved {
        case "screen": return "Urine screen saved."
        case "screen-not-in-ledger":
            return "Urine screen saved. It earned nothing in contingency management: the ledger already has a result "
                + "for that day or a later one, or the day is outside the enrollment."
        case "ordering": return "Ordering interview saved."
        case "safety-plan": return "Safety plan saved as a new version."
        case "relapse-plan": return "Relapse-prevention plan saved as a new version."
        case "alert": return "Saved. The answers raised a safety alert for the care team: it is shown above."
        case "admitted": return "Admission recorded: a new episode of care is open."
        case "level": return "Level decision recorded."
        case "level-changed":
            return "Level decision recorded: the level changed, so review the safety plan with the client."
        case "factors": return "Level-of-care factors saved; the recommendation is recomputed."
        case "plan": return "Treatment plan signed as a new version."
        case "cm-enrolled": return "Enrolled in contingency management: the ledger has started."
        case "cm-ended": return "Contingency-management enrollment ended."
        case "cm-payout": return "Payout recorded."
        case "medication": return "Medication list saved."
        case "prescriber-note": return "Prescriber note added for the care team."
        case "discharged":
            return "Discharge recorded. Check-ins are still kept; a safety answer still alerts this care team."
        default: return Instrument.ID(rawValue: saved).map { "\(Instrument.definition($0).name) saved." }
        }
    }

    static func instrument(_ text: String?) throws -> Instrument {
        guard let text, let id = Instrument.ID(rawValue: text) else {
            let allowed = Instrument.ID.allCases.map(\.rawValue).joined(separator: ", ")
            throw Abort(.badRequest, reason: "instrument: '\((text ?? "").prefix(40))' is not one of \(allowed)")
        }
        return Instrument.definition(id)
    }

    static func newAssessment(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let instrument = try instrument(req.query[String.self, at: "instrument"])
        return Response.html(
            ClinicianViews.instrumentForm(
                instrument, client: client, values: [:], errors: [:], context: try await req.pageContext(for: actor)))
    }

    static func saveAssessment(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        let instrument = try instrument(form["instrument"])
        do {
            let committed = try await req.clinicalEntry(by: actor, through: .web).recordAssessment(
                ClinicianForms.assessment(form, instrument: instrument), for: client.ref)
            let saved = committed.alert == nil ? instrument.id.rawValue : "alert"
            return req.redirect(to: SiteURL.chart(client.id, saved: saved).path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return Response.html(
                ClinicianViews.instrumentForm(
                    instrument, client: client, values: form,
                    errors: [ClinicianForms.assessmentField(problem.field, instrument: instrument): problem.message],
                    context: try await req.pageContext(for: actor)),
                status: .unprocessableEntity)
        }
    }

    static func newOrdering(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        return Response.html(
            ClinicianViews.orderingForm(
                client: client, values: [:], errors: [:], context: try await req.pageContext(for: actor)))
    }

    static func saveOrdering(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        let (body, rows) = ClinicianForms.ordering(form, periodRows: ClinicianViews.orderingPeriodRows)
        do {
            _ = try await req.clinicalEntry(by: actor, through: .web).recordAssessment(body, for: client.ref)
            return req.redirect(to: SiteURL.chart(client.id, saved: "ordering").path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return Response.html(
                ClinicianViews.orderingForm(
                    client: client, values: form,
                    errors: [ClinicianForms.orderingField(problem.field, rows: rows): problem.message],
                    context: try await req.pageContext(for: actor)),
                status: .unprocessableEntity)
        }
    }

    static func saveScreen(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        var body: [String: JSONValue] = ["result": .string(form["result"] ?? "")]
        if let date = form["date"], !date.isEmpty { body["date"] = .string(date) }
        do {
            let committed = try await req.clinicalEntry(by: actor, through: .web).recordScreen(
                .object(body), for: client.ref)
            return req.redirect(
                to: SiteURL.chart(
                    client.id, saved: committed.ledgerNote == nil ? "screen" : "screen-not-in-ledger",
                    anchor: "screen"
                ).path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return try await renderChart(
                req, actor: actor, client: client, notice: nil, screenValues: form,
                screenErrors: [problem.field ?? "result": problem.message], status: .unprocessableEntity)
        }
    }

    static func safetyPlan(_ req: Request) async throws -> Response {
        try await keptPlan(req, SafetyPlanSection.self, save: false)
    }

    static func saveSafetyPlan(_ req: Request) async throws -> Response {
        try await keptPlan(req, SafetyPlanSection.self, save: true)
    }

    static func relapsePlan(_ req: Request) async throws -> Response {
        try await keptPlan(req, RelapsePlanSection.self, save: false)
    }

    static func saveRelapsePlan(_ req: Request) async throws -> Response {
        try await keptPlan(req, RelapsePlanSection.self, save: true)
    }

    /// A kept plan on the chart: shown, or its form saved.
    static func keptPlan<Section: KeptPlanSection>(_ req: Request, _: Section.Type, save: Bool) async throws
        -> Response
    {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let pages = KeptPlanPages<Section>.careTeam(client)
        return save
            ? try await pages.save(req, actor: actor, client: client)
            : try await pages.show(req, actor: actor, client: client)
    }

    static func acknowledge(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let form = try req.verifiedForm()
        guard let id = req.parameters.get("id").flatMap(AlertID.init) else { throw APIError.notFound("alert") }
        _ = try await req.clinicalEntry(by: actor, through: .web).acknowledge(id, note: form["note"] ?? "")
        return req.redirect(to: safeReturn(form["return"]))
    }

    /// Admits (or readmits) the client: a new episode of care.
    static func admit(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        let today = try await req.program(of: actor).today(now: req.now)
        do {
            let admission = try EpisodeForms.admission(form)
            _ = try await req.administration(by: actor).admit(
                client, on: admission.date, level: admission.level, referral: admission.referral, today: today)
            return req.redirect(to: SiteURL.chart(client.id, saved: "admitted", anchor: "episodes").path)
        } catch let error as ValidationError {
            return try await renderChart(
                req, actor: actor, client: client, notice: nil, episodeValues: form,
                episodeErrors: [error.field: error.message], status: .unprocessableEntity)
        }
    }

    /// Discharges the client's open episode.
    static func discharge(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        let today = try await req.program(of: actor).today(now: req.now)
        do {
            let discharge = try EpisodeForms.discharge(form)
            try await req.administration(by: actor).discharge(
                client, on: discharge.date, reason: discharge.reason, today: today)
            return req.redirect(to: SiteURL.chart(client.id, saved: "discharged", anchor: "episodes").path)
        } catch let error as ValidationError {
            return try await renderChart(
                req, actor: actor, client: client, notice: nil, episodeValues: form,
                episodeErrors: [error.field: error.message], status: .unprocessableEntity)
        }
    }

    /// Accepts or overrides the level recommendation (§6).
    static func decideLevel(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        var body: [String: JSONValue] = [:]
        for key in LevelDecisionRequest.keys {
            if let value = form[key], !value.isEmpty { body[key] = .string(value) }
        }
        do throws(any Error) {
            let request = try LevelDecisionRequest(json: .object(body))
            let (decision, view) = try await req.levelOfCare(by: actor).decide(request, for: client)
            let changed = view.history.last?.decision == decision.id
            return req.redirect(
                to: SiteURL.chart(client.id, saved: changed ? "level-changed" : "level", anchor: "level").path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity || problem.status == .conflict else { throw problem }
            return try await renderChart(
                req, actor: actor, client: client, notice: nil, levelValues: form,
                levelErrors: [problem.field ?? "decision": problem.message], status: problem.status)
        }
    }

    /// Saves the level-of-care factors the clinician records.
    static func saveLevelFactors(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        do throws(any Error) {
            _ = try await req.levelOfCare(by: actor).recordFactors(LevelFactors.json(form: form), for: client)
            return req.redirect(to: SiteURL.chart(client.id, saved: "factors", anchor: "level").path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return try await renderChart(
                req, actor: actor, client: client, notice: nil,
                levelErrors: [problem.field ?? "decision": problem.message], status: problem.status)
        }
    }

    /// Signs a new version of the treatment plan from the builder.
    static func signPlan(_ req: Request) async throws -> Response {
        let actor = try await staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        do throws(any Error) {
            let request = try PlanRequest(json: PlanViews.request(form: form))
            _ = try await req.treatmentPlans(by: actor).sign(request, for: client)
            return req.redirect(to: SiteURL.chart(client.id, saved: "plan", anchor: "plan").path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return try await renderChart(
                req, actor: actor, client: client, notice: nil,
                planErrors: [problem.field ?? "plan": problem.message], status: problem.status)
        }
    }

    /// Only a path on this site (never another host): `/caseload` or a chart.
    static func safeReturn(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count < 200,
            path.hasPrefix(SiteURL.caseload().path) || path.hasPrefix("/\(SiteURL.Page.chart.template[0])/")
        else { return SiteURL.caseload().path }
        return path
    }
}

/// The values and errors of the chart's care forms (contingency management, medications), shown again after a
/// refusal.
struct ChartCareForms: Sendable {
    var contingency: (values: [String: String], errors: [String: String]) = ([:], [:])
    var medications: (values: [String: String], errors: [String: String]) = ([:], [:])
}
