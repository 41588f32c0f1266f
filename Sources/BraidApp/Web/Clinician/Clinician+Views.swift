import BraidCore
import Foundation
import Plot

/// An open alert as every clinician page lists it: which client, and a link to the chart.
struct OpenAlertItem: Sendable {
    let alert: SafetyAlert
    let clientID: ClientID
    let clientName: String
}

/// A flag as a person reads it, with its id kept for machines (`data-flag`).
struct FlagText: Sendable, Hashable {
    let id: String
    let label: String

    init(_ id: AnalysisFlag.ID, _ configuration: AnalysisConfiguration) {
        self.id = id.rawValue
        label = id.label(configuration)
    }
}

/// One row of the caseload table.
struct CaseloadRow: Sendable {
    let id: ClientID
    let name: String
    let alerts: [SafetyAlert]
    let flags: [FlagText]
    let status: EpisodeStatus
    let level: LevelOfCare?
    var planReviewDue = false
    let phq9: (total: Int, severity: Severity)?
    let useDaysLast30: Int
    let classification: CycleClassification
    let lastCheckIn: CalendarDate?
    /// Position in the default (most urgent first) order.
    let urgency: Int
}

/// Which clients the caseload lists: those in care (the default: active episodes and clients not yet admitted,
/// plus any discharged client with an open safety alert), or the discharged ones.
enum CaseloadShow: String, Sendable, CaseIterable {
    case active, discharged

    func includes(_ status: EpisodeStatus, openAlerts: Int) -> Bool {
        switch self {
        case .active: status.isInCare || openAlerts > 0
        case .discharged: !status.isInCare
        }
    }
}

/// How the caseload table can be sorted: by a column header link, no script needed.
enum CaseloadSort: String, Sendable, CaseIterable {
    case urgency, name, alerts, level, phq9, use, pattern, checkIn = "check-in"

    /// Most urgent first by default; numbers largest first; names A–Z; the stalest check-in first.
    func sorted(_ rows: [CaseloadRow]) -> [CaseloadRow] {
        rows.sorted { a, b in
            switch self {
            case .urgency: return a.urgency < b.urgency
            case .name: return (a.name, a.urgency) < (b.name, b.urgency)
            case .alerts: return (-a.alerts.count, a.urgency) < (-b.alerts.count, b.urgency)
            case .level:
                let x = a.level.map { LevelOfCare.allCases.firstIndex(of: $0)! } ?? -1
                let y = b.level.map { LevelOfCare.allCases.firstIndex(of: $0)! } ?? -1
                return (-x, a.urgency) < (-y, b.urgency)
            case .phq9: return (-(a.phq9?.total ?? -1), a.urgency) < (-(b.phq9?.total ?? -1), b.urgency)
            case .use: return (-a.useDaysLast30, a.urgency) < (-b.useDaysLast30, b.urgency)
            case .pattern: return (a.classification.rawValue, a.urgency) < (b.classification.rawValue, b.urgency)
            case .checkIn:
                let x = a.lastCheckIn?.dayNumber ?? Int.min
                let y = b.lastCheckIn?.dayNumber ?? Int.min
                return (x, a.urgency) < (y, b.urgency)
            }
        }
    }
}

/// The clinician's pages: the open-alert list on top of each, the caseload, a client's chart, and the forms to
/// enter instruments, the ordering interview and urine screens.
enum ClinicianViews {
    typealias Form = Node<HTML.FormContext>

    static func alertTime(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: date)
    }

    /// Every open alert on the caseload, at the top of every clinician page. On a client's pages that client's
    /// alerts come first as cards, acknowledgeable with a note; the others are listed by client with links, so
    /// none is hidden and the page stays short on a phone. On the caseload every alert is a card.
    static func openAlerts(
        _ items: [OpenAlertItem], focus: ClientID? = nil, returnTo: String, csrfToken: String, timeZone: TimeZone
    ) -> Node<HTML.BodyContext> {
        let cards = focus.map { id in items.filter { $0.clientID == id } } ?? items
        let others = focus.map { id in items.filter { $0.clientID != id } } ?? []
        var byClient: [(id: ClientID, name: String, count: Int, emergency: Bool)] = []
        for item in others {
            if let index = byClient.firstIndex(where: { $0.id == item.clientID }) {
                byClient[index].count += 1
                byClient[index].emergency = byClient[index].emergency || item.alert.severity == .emergency
            } else {
                byClient.append((item.clientID, item.clientName, 1, item.alert.severity == .emergency))
            }
        }
        return .if(
            !items.isEmpty,
            .section(
                .class("open-alerts"), .attribute(named: "aria-label", value: "Open safety alerts"),
                .forEach(cards) { item in
                    .div(
                        .class(item.alert.severity == .emergency ? "alert emergency" : "alert"),
                        .attribute(named: "role", value: "alert"),
                        .h2(
                            .text("\(item.alert.severity == .emergency ? "EMERGENCY" : "Safety alert"): "),
                            .a(.href(SiteURL.chart(item.clientID).path), .text(item.clientName))),
                        .p(.text(item.alert.summary)),
                        .p(.class("meta"), .text("Opened \(alertTime(item.alert.openedAt, timeZone))")),
                        .form(
                            .action(SiteURL.acknowledge(item.alert.id).path), .method(.post),
                            SignedInViews.csrf(csrfToken),
                            .input(.type(.hidden), .name("return"), .value(returnTo)),
                            .label(.for("note-\(item.alert.id)"), .text("Acknowledge with a note (what you did)")),
                            .textarea(
                                .name("note"), .id("note-\(item.alert.id)"),
                                .attribute(named: "required", value: "required"),
                                .attribute(named: "maxlength", value: "2000")),
                            .button(.type(.submit), .text("Acknowledge")))
                    )
                },
                .if(
                    !byClient.isEmpty,
                    .p(
                        .class("alert-others"),
                        .strong(.text("Other open alerts: ")),
                        .forEach(byClient.enumerated()) { index, entry in
                            .group(
                                .if(index > 0, .text(" · ")),
                                .a(.href(SiteURL.chart(entry.id).path), .text(entry.name)),
                                .text(" (\(entry.count)\(entry.emergency ? ", emergency" : ""))"))
                        }))
            )
        )
    }

    /// The caseload: open alerts on top, then one sortable table of every client with links to the charts.
    static func caseload(
        name: String, rows: [CaseloadRow], sort: CaseloadSort, show: CaseloadShow, isAdmin: Bool,
        context: PageContext
    ) -> String {
        let showQuery: CaseloadShow? = show == .active ? nil : show
        func header(_ label: String, _ key: CaseloadSort) -> Node<HTML.TableRowContext> {
            .th(
                .attribute(named: "scope", value: "col"),
                .if(sort == key, .attribute(named: "aria-sort", value: key == .name ? "ascending" : "descending")),
                .a(.href(SiteURL.caseload(sort: key, show: showQuery).path), .text(label)))
        }
        let content: Node<HTML.BodyContext> = .group(
            .if(isAdmin, AdminViews.staffNav(current: nil)),
            .h1(.text("Caseload of \(name)")),
            .p(.a(.href(SiteURL.groups().path), .text("Groups: schedules, attendance and homework"))),
            openAlerts(
                context.alerts, returnTo: SiteURL.caseload().path, csrfToken: context.csrfToken,
                timeZone: context.timeZone),
            .nav(
                .class("tabs"), .attribute(named: "aria-label", value: "Which clients"),
                .a(
                    .href(SiteURL.caseload().path),
                    .if(show == .active, .attribute(named: "aria-current", value: "page")),
                    .text("In care")),
                .a(
                    .href(SiteURL.caseload(show: .discharged).path),
                    .if(show == .discharged, .attribute(named: "aria-current", value: "page")), .text("Discharged"))),
            .div(
                .class("table-scroll"),
                .table(
                    .class("caseload"),
                    .caption(
                        .text(
                            (show == .discharged ? "Discharged clients" : "Clients in care")
                                + (sort == .urgency
                                    ? ", open alerts first, then flags"
                                    : ", sorted by \(sort.rawValue) (choose a column heading to sort)"))),
                    .thead(
                        .tr(
                            header("Client", .name), header("Open alerts", .alerts), header("Level", .level),
                            .th(.text("Plan")), .th(.text("Flags")),
                            header("Latest PHQ-9", .phq9), header("Use days (30)", .use), header("Pattern", .pattern),
                            header("Last check-in", .checkIn))),
                    .tbody(
                        .forEach(rows) { row in
                            .tr(
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .a(.href(SiteURL.chart(row.id).path), .text(row.name)),
                                    .if(
                                        !row.status.isInCare,
                                        .span(
                                            .class("status"), .attribute(named: "data-status", value: "discharged"),
                                            .text(" (discharged)")))),
                                .td(.text(String(row.alerts.count))),
                                .td(
                                    .attribute(named: "data-level", value: row.level?.rawValue ?? ""),
                                    .text(row.level.map(\.shortLabel) ?? "—")),
                                .td(
                                    .if(row.planReviewDue, .attribute(named: "data-plan", value: "review-due")),
                                    .text(row.status.isInCare ? (row.planReviewDue ? "Review due" : "Signed") : "—")),
                                .td(
                                    .if(
                                        row.flags.isEmpty, .text(row.status.isInCare ? "—" : "none after discharge"),
                                        else: .ul(
                                            .class("flag-list"),
                                            .forEach(row.flags) { flag in
                                                .li(.attribute(named: "data-flag", value: flag.id), .text(flag.label))
                                            }))),
                                .td(.text(row.phq9.map { "\($0.total) (\($0.severity.rawValue))" } ?? "—")),
                                .td(.text(String(row.useDaysLast30))),
                                .td(.text(row.classification.rawValue)),
                                .td(.text(row.lastCheckIn?.description ?? "—")))
                        })
                )
            ),
            .if(rows.isEmpty, .p(.text(show == .discharged ? "No discharged clients." : "No clients in care."))),
            .p(.a(.href(SiteURL.caseload(sort: .urgency, show: showQuery).path), .text("Most urgent first"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Caseload", context: context, wide: true, content)
    }

    // MARK: - The client's chart

    static func chart(
        _ model: ClientChartModel, notice: String?, screenValues: [String: String], screenErrors: [String: String],
        episodeForm: (values: [String: String], errors: [String: String]) = ([:], [:]),
        level: Node<HTML.BodyContext> = .empty, plan: Node<HTML.BodyContext> = .empty,
        care: Node<HTML.BodyContext> = .empty, context: PageContext
    ) -> String {
        let client = model.client
        let here = SiteURL.chart(client.id, days: model.timeline.days).path
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(client.displayName)),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            openAlerts(
                context.alerts, focus: client.id, returnTo: here, csrfToken: context.csrfToken,
                timeZone: context.timeZone),
            .nav(
                .class("tabs"), .attribute(named: "aria-label", value: "Timeline span"),
                .forEach(TimelineModel.spans) { days in
                    .a(
                        .href(SiteURL.chart(client.id, days: days).path),
                        .if(days == model.timeline.days, .attribute(named: "aria-current", value: "page")),
                        .text("\(days) days"))
                }),
            EpisodeViews.section(
                client.id, episodes: model.episodes, today: model.today, values: episodeForm.values,
                errors: episodeForm.errors, csrfToken: context.csrfToken),
            level,
            plan,
            care,
            .h2(.text("Timeline")),
            TimelineView.figure(widened(model.timeline.chart, height: 280), id: "timeline"),
            TimelineView.figure(widened(model.timeline.sleepChart, height: 170), id: "sleep"),
            LifestyleView.section(
                model.timeline.lifestyle, copy: .english, subject: model.timeline.subject, phone: false),
            .h2(.text("Flags")),
            .if(
                model.analysis.flags.isEmpty, .p(.text("No flags.")),
                else: .ul(
                    .class("flags"),
                    .forEach(model.analysis.flags) { flag in
                        .li(
                            .attribute(named: "data-flag", value: flag.id.rawValue),
                            .strong(.text(flag.id.label(model.analysisConfiguration))),
                            .text(
                                ": "
                                    + flag.evidence.sorted { $0.key < $1.key }.map {
                                        "\(words($0.key)) \(format(($0.value * 10).rounded() / 10))"
                                    }.joined(separator: ", ")))
                    })),
            .h2(.text("PHQ-9 and GAD-7 over time")),
            .div(.class("charts"), measure(model, .phq9, "PHQ-9"), measure(model, .gad7, "GAD-7")),
            .h2(.text("Which came first")),
            ordering(model),
            .h2(.text("Cycle model")),
            .table(
                .class("facts"),
                .caption(.text("Fitted from check-ins (decision support, not a diagnosis)")),
                .tbody(
                    .forEach(model.modelRows) { row in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(row.label)), .td(.text(row.value)))
                    })),
            .if(
                !model.progressRows.isEmpty,
                .table(
                    .class("facts"),
                    .caption(
                        .text(
                            "What shifts first: first \(model.analysisConfiguration.progressWindowRatedDays) rated days "
                                + "against the last \(model.analysisConfiguration.progressWindowRatedDays)")),
                    .thead(.tr(.th("Marker"), .th("First 14"), .th("Last 14"), .th("Shifted"))),
                    .tbody(
                        .forEach(model.progressRows) { row in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(row.label)), .td(.text(row.first)),
                                .td(.text(row.last)), .td(.text(row.shifted ? "yes" : "no")))
                        }))),
            .h2(.text("Use calendar")),
            TimelineView.calendar(model.timeline),
            .h2(.text("Enter")),
            .ul(
                .class("enter"),
                .forEach(Instrument.ID.allCases) { id in
                    .li(.a(.href(SiteURL.newAssessment(client.id, id).path), .text(Instrument.definition(id).name)))
                },
                .li(.a(.href(SiteURL.ordering(client.id).path), .text("Ordering interview (which came first)"))),
                .li(.a(.href(SiteURL.clientSafetyPlan(client.id).path), .text("Safety plan"))),
                .li(.a(.href(SiteURL.clientRelapsePlan(client.id).path), .text("Relapse-prevention plan"))),
                .li(.a(.href(SiteURL.consents(client.id).path), .text("Consents and disclosures (42 CFR Part 2)"))),
                .li(.a(.href(SiteURL.counselingNotes(client.id).path), .text("SUD counseling notes (kept apart)"))),
                .li(
                    .a(
                        .href(SiteURL.clientRecovery(client.id).path),
                        .text("Recovery tools: thought records, diary cards, activities, support, groups")))),
            screenForm(
                client.id, today: model.today, values: screenValues, errors: screenErrors, csrfToken: context.csrfToken),
            .h2(.text("Assessments")),
            assessmentHistory(model),
            .h2(.text("Urine screens")),
            .if(
                model.screens.isEmpty, .p(.text("None recorded.")),
                else: .ul(
                    .forEach(model.screens.sorted { $0.screen.date > $1.screen.date }) {
                        .li(.text("\($0.screen.date): \($0.screen.positive ? "positive" : "negative")"))
                    })),
            .h2(.text("Safety alerts")),
            alertHistory(model.alerts, timeZone: context.timeZone),
            .p(.a(.href(SiteURL.caseload().path), .text("Back to the caseload"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: client.displayName, context: context, wide: true, content)
    }

    /// An evidence key in words: `currentAbstinenceDays` → "current abstinence days", `maxPHQ9Last14Days` →
    /// "max PHQ9 last 14 days".
    static func words(_ key: String) -> String {
        var result = ""
        var previous: Character?
        for character in key {
            if let last = previous,
                (character.isUppercase && (last.isLowercase || last.isNumber))
                    || (character.isNumber && last.isLowercase)
            {
                result.append(" ")
            }
            result.append(character)
            previous = character
        }
        return result.split(separator: " ").map { word in
            word.count > 1 && word.dropFirst().allSatisfy { $0.isLowercase } ? word.lowercased() : String(word)
        }.joined(separator: " ")
    }

    /// A wider drawing for the desktop chart page, so the text keeps its size when the figure fills the row.
    static func widened(_ chart: SVGChart, height: Double) -> SVGChart {
        var chart = chart
        chart.width = 1100
        chart.height = height
        return chart
    }

    static func measure(_ model: ClientChartModel, _ id: Instrument.ID, _ name: String) -> Node<HTML.BodyContext> {
        .unwrap(
            model.measureChart(id),
            { TimelineView.figure($0, id: id.rawValue) },
            else: .p(
                .text("No \(name) yet. "),
                .a(.href(SiteURL.newAssessment(model.client.id, id).path), .text("Enter a \(name)"))))
    }

    static func ordering(_ model: ClientChartModel) -> Node<HTML.BodyContext> {
        .group(
            .unwrap(model.reevaluationProposal) { .p(.class("proposal"), .strong(.text("Proposal: ")), .text($0)) },
            .unwrap(
                model.latestOrdering,
                { ordering in
                    .div(
                        .class("ordering"),
                        .p(
                            .strong(.text("Pattern: ")), .text(ordering.result.pattern.rawValue),
                            .text(" · "), .strong(.text("Depression: ")),
                            .text(ordering.result.depressionType.rawValue),
                            .if(ordering.result.provisional, .text(" (provisional)")),
                            .text(" · recorded \(ordering.date)")),
                        .h3(.text("Reasons")),
                        .ul(.forEach(ordering.result.reasons) { .li(.text($0.explanation.clinician)) }),
                        .h3(.text("Recommendations")),
                        .ul(.forEach(ordering.result.recommendations) { .li(.text($0.explanation.clinician)) }))
                },
                else: .p(.text("No ordering interview recorded yet.")))
        )
    }

    static func assessmentHistory(_ model: ClientChartModel) -> Node<HTML.BodyContext> {
        .if(
            model.history.isEmpty, .p(.text("None recorded.")),
            else: .div(
                .class("table-scroll"),
                .table(
                    .thead(.tr(.th("Date"), .th("Instrument"), .th("Total"), .th("Result"), .th("Flags"))),
                    .tbody(
                        .forEach(model.history) { assessment in
                            switch assessment.content {
                            case .instrument(_, let result):
                                .tr(
                                    .td(.text(assessment.date.description)),
                                    .td(.text(Instrument.definition(result.instrument).name)),
                                    .td(.text(result.total.map(String.init) ?? "—")),
                                    .td(.text(result.severity.rawValue)),
                                    .td(.text(result.flags.map(\.rawValue).joined(separator: ", "))))
                            case .ordering(_, let result):
                                .tr(
                                    .td(.text(assessment.date.description)), .td(.text("Ordering interview")),
                                    .td(.text("—")),
                                    .td(.text("\(result.pattern.rawValue), \(result.depressionType.rawValue)")),
                                    .td(.text(result.provisional ? "provisional" : "")))
                            }
                        })))
        )
    }

    static func alertHistory(_ alerts: [SafetyAlert], timeZone: TimeZone) -> Node<HTML.BodyContext> {
        .if(
            alerts.isEmpty, .p(.text("None.")),
            else: .ul(
                .class("alert-history"),
                .forEach(alerts.sorted { $0.openedAt > $1.openedAt }) { alert in
                    .li(
                        .text(
                            "\(alertTime(alert.openedAt, timeZone)) · \(alert.severity.rawValue) · \(alert.summary) · "),
                        .unwrap(
                            alert.acknowledgedAt,
                            { at in
                                .text(
                                    "acknowledged \(alertTime(at, timeZone)): “\(alert.acknowledgementNote ?? "")”")
                            }, else: .strong(.text("open"))))
                }))
    }
}
