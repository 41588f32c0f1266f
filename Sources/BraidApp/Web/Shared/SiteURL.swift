import BraidCore
import Vapor

/// Every web page and form target. One value builds both the route a controller registers (`Page`, with `:id`
/// where an id goes) and the link a view writes (`path`, with the ids and query filled in), so no view or
/// controller spells a path; a test compares the pages with the live router, as `APIRoute` does for the API.
enum SiteURL: Hashable, Sendable {
    // Public: no login, no cookies.
    case home
    case selfCheck
    case stylesheet
    case login
    case logout
    /// A one-time invitation link (the token is the link's secret).
    case invitation(String)
    // The client's own pages.
    case today(saved: Bool = false)
    case pattern
    case cycle
    case myPlan
    case reminders(saved: Bool = false)
    case safetyPlan(saved: Bool = false)
    case relapsePlan(saved: Bool = false)
    /// Who may see my record: my Part 2 consents and the accounting of disclosures.
    case myConsents(saved: Bool = false)
    case revokeMyConsent
    /// The recovery tools (§10): the hub, and each tool's page or form target.
    case recovery
    case thoughtRecords(saved: Bool = false)
    case newThoughtRecord(starter: String? = nil)
    case diaryCard(week: CalendarDate? = nil, saved: Bool = false)
    case activities(saved: Bool = false)
    case rateActivity(UUID)
    case paws
    case support(saved: Bool = false)
    case removeContact(UUID)
    case meetings
    case myGroups(saved: Bool = false)
    case homeworkDone(UUID)
    /// The client's profile: the language of their pages.
    case profile(saved: Bool = false)
    // The care team's pages.
    case caseload(sort: CaseloadSort? = nil, show: CaseloadShow? = nil)
    case chart(ClientID, days: Int? = nil, saved: String? = nil, anchor: String? = nil)
    case newAssessment(ClientID, Instrument.ID)
    case assessments(ClientID)
    case ordering(ClientID)
    case screens(ClientID)
    case clientSafetyPlan(ClientID)
    case clientRelapsePlan(ClientID)
    case acknowledge(AlertID)
    case admit(ClientID)
    case discharge(ClientID)
    case levelDecision(ClientID)
    case levelFactors(ClientID)
    case signPlan(ClientID)
    case cmEnroll(ClientID)
    case cmEnd(ClientID)
    case cmPayout(ClientID)
    case medications(ClientID)
    case prescriberNotes(ClientID)
    /// 42 CFR Part 2: the client's consents, the accounting, the disclosure form.
    case consents(ClientID, saved: String? = nil)
    case revokeConsent(ClientID)
    case disclose(ClientID)
    /// SUD counseling notes, kept apart from the chart.
    case counselingNotes(ClientID, saved: Bool = false)
    /// A client's recovery tools as the care team reads them.
    case clientRecovery(ClientID)
    /// The group program: the groups, one group's page (its session on `date`), and its forms.
    case groups(saved: String? = nil)
    case group(UUID, date: CalendarDate? = nil, saved: String? = nil)
    case groupAttendance(UUID)
    case groupHomework(UUID)
    // The admin's pages.
    case admin(saved: String? = nil)
    case adminAccounts
    case adminAccount(UserID, saved: String? = nil)
    case adminInvitation(UserID)
    case adminDeactivate(UserID)
    case adminReactivate(UserID)
    case adminCareTeam(UserID)
    case settings(saved: String? = nil)
    case thresholds
    case contingencySettings
    case notificationSettings(saved: String? = nil)
    /// The audit trail's search; `format` csv or fhir downloads the same events.
    case auditLog(AuditQuery = AuditQuery(), format: String? = nil)
    // The program lead's page: aggregates only.
    case programOverview(days: Int? = nil)
    /// The program report (§9) for a range, as a page or a download (`format` csv or json).
    case programReport(from: CalendarDate? = nil, to: CalendarDate? = nil, format: String? = nil)

    /// A page as the router knows it: its path template and the methods it answers.
    enum Page: String, CaseIterable, Sendable {
        case home, selfCheck, stylesheet, login, logout, invitation
        case today, pattern, cycle, safetyPlan, relapsePlan, myPlan, reminders, myConsents, revokeMyConsent
        case caseload, chart, newAssessment, assessments, ordering, screens, clientSafetyPlan, clientRelapsePlan
        case acknowledge
        case admit, discharge, levelDecision, levelFactors, signPlan, cmEnroll, cmEnd, cmPayout, medications
        case prescriberNotes, consents, revokeConsent, disclose, counselingNotes
        case recovery, thoughtRecords, newThoughtRecord, diaryCard, activities, rateActivity, paws, support
        case removeContact, meetings, myGroups, homeworkDone, profile
        case clientRecovery, groups, group, groupAttendance, groupHomework
        case admin, adminAccounts, adminAccount, adminInvitation, adminDeactivate, adminReactivate, adminCareTeam
        case settings, thresholds, contingencySettings, notificationSettings, programOverview, programReport
        case auditLog

        /// Path segments; `:id` marks the record id (`:token` an invitation's secret).
        var template: [String] {
            switch self {
            case .home: []
            case .selfCheck: ["self-check"]
            case .stylesheet: ["assets", "braid.css"]
            case .login: ["login"]
            case .logout: ["logout"]
            case .today: ["today"]
            case .pattern: ["pattern"]
            case .cycle: ["cycle"]
            case .safetyPlan: ["safety-plan"]
            case .relapsePlan: ["my-relapse-plan"]
            case .caseload: ["caseload"]
            case .chart: ["clients", ":id"]
            case .newAssessment: ["clients", ":id", "assessments", "new"]
            case .assessments: ["clients", ":id", "assessments"]
            case .ordering: ["clients", ":id", "ordering"]
            case .screens: ["clients", ":id", "screens"]
            case .clientSafetyPlan: ["clients", ":id", "safety-plan"]
            case .clientRelapsePlan: ["clients", ":id", "relapse-plan"]
            case .acknowledge: ["alerts", ":id", "acknowledge"]
            case .invitation: ["invite", ":token"]
            case .admit: ["clients", ":id", "episodes"]
            case .discharge: ["clients", ":id", "discharge"]
            case .levelDecision: ["clients", ":id", "level-decisions"]
            case .levelFactors: ["clients", ":id", "level-factors"]
            case .signPlan: ["clients", ":id", "plan-versions"]
            case .myPlan: ["my-plan"]
            case .reminders: ["reminders"]
            case .cmEnroll: ["clients", ":id", "contingency", "enrollment"]
            case .cmEnd: ["clients", ":id", "contingency", "end"]
            case .cmPayout: ["clients", ":id", "contingency", "payouts"]
            case .contingencySettings: ["admin", "settings", "contingency"]
            case .notificationSettings: ["admin", "notifications"]
            case .auditLog: ["admin", "audit"]
            case .medications: ["clients", ":id", "medications"]
            case .prescriberNotes: ["clients", ":id", "prescriber-notes"]
            case .consents: ["clients", ":id", "consents"]
            case .revokeConsent: ["clients", ":id", "consents", "revoke"]
            case .disclose: ["clients", ":id", "disclosures"]
            case .counselingNotes: ["clients", ":id", "counseling-notes"]
            case .myConsents: ["my-consents"]
            case .revokeMyConsent: ["my-consents", "revoke"]
            case .admin: ["admin"]
            case .adminAccounts: ["admin", "accounts"]
            case .adminAccount: ["admin", "accounts", ":id"]
            case .adminInvitation: ["admin", "accounts", ":id", "invitation"]
            case .adminDeactivate: ["admin", "accounts", ":id", "deactivate"]
            case .adminReactivate: ["admin", "accounts", ":id", "reactivate"]
            case .adminCareTeam: ["admin", "accounts", ":id", "care-team"]
            case .settings: ["admin", "settings"]
            case .thresholds: ["admin", "settings", "thresholds"]
            case .programOverview: ["program"]
            case .programReport: ["program", "report"]
            case .recovery: ["recovery"]
            case .thoughtRecords: ["thought-records"]
            case .newThoughtRecord: ["thought-records", "new"]
            case .diaryCard: ["diary-card"]
            case .activities: ["activities"]
            case .rateActivity: ["activities", ":id", "rating"]
            case .paws: ["paws"]
            case .support: ["support"]
            case .removeContact: ["support", ":id", "remove"]
            case .meetings: ["support", "meetings"]
            case .myGroups: ["my-groups"]
            case .homeworkDone: ["homework", ":id", "done"]
            case .profile: ["profile"]
            case .clientRecovery: ["clients", ":id", "recovery"]
            case .groups: ["groups"]
            case .group: ["groups", ":id"]
            case .groupAttendance: ["groups", ":id", "attendance"]
            case .groupHomework: ["groups", ":id", "homework"]
            }
        }

        /// What the page answers: GET shows it, POST takes its form.
        var methods: [HTTPMethod] {
            switch self {
            case .home, .stylesheet, .pattern, .cycle, .myPlan, .caseload, .chart, .newAssessment, .admin,
                .adminAccount,
                .programOverview, .programReport, .myConsents, .recovery, .newThoughtRecord, .paws, .myGroups,
                .clientRecovery, .auditLog:
                [.GET]
            case .logout, .assessments, .screens, .acknowledge, .admit, .discharge, .levelDecision, .levelFactors,
                .signPlan,
                .adminAccounts, .adminInvitation,
                .adminDeactivate, .adminReactivate, .adminCareTeam, .thresholds, .cmEnroll, .cmEnd, .cmPayout,
                .contingencySettings, .medications, .prescriberNotes, .revokeConsent, .disclose, .revokeMyConsent,
                .rateActivity, .removeContact, .meetings, .homeworkDone, .groupAttendance, .groupHomework:
                [.POST]
            case .selfCheck, .login, .invitation, .today, .safetyPlan, .relapsePlan, .ordering, .clientSafetyPlan,
                .clientRelapsePlan, .settings, .notificationSettings, .reminders, .consents, .counselingNotes,
                .thoughtRecords, .diaryCard, .activities, .support, .profile, .groups, .group:
                [.GET, .POST]
            }
        }

        var pathComponents: [PathComponent] { template.map { PathComponent(stringLiteral: $0) } }

        /// The router's form, for the test: `/clients/:id`.
        var pattern: String { "/" + template.joined(separator: "/") }
    }

    var page: Page {
        switch self {
        case .home: .home
        case .selfCheck: .selfCheck
        case .stylesheet: .stylesheet
        case .login: .login
        case .logout: .logout
        case .today: .today
        case .pattern: .pattern
        case .cycle: .cycle
        case .safetyPlan: .safetyPlan
        case .relapsePlan: .relapsePlan
        case .caseload: .caseload
        case .chart: .chart
        case .newAssessment: .newAssessment
        case .assessments: .assessments
        case .ordering: .ordering
        case .screens: .screens
        case .clientSafetyPlan: .clientSafetyPlan
        case .clientRelapsePlan: .clientRelapsePlan
        case .acknowledge: .acknowledge
        case .invitation: .invitation
        case .admit: .admit
        case .discharge: .discharge
        case .levelDecision: .levelDecision
        case .levelFactors: .levelFactors
        case .signPlan: .signPlan
        case .myPlan: .myPlan
        case .reminders: .reminders
        case .cmEnroll: .cmEnroll
        case .cmEnd: .cmEnd
        case .cmPayout: .cmPayout
        case .contingencySettings: .contingencySettings
        case .notificationSettings: .notificationSettings
        case .auditLog: .auditLog
        case .medications: .medications
        case .prescriberNotes: .prescriberNotes
        case .consents: .consents
        case .revokeConsent: .revokeConsent
        case .disclose: .disclose
        case .counselingNotes: .counselingNotes
        case .myConsents: .myConsents
        case .revokeMyConsent: .revokeMyConsent
        case .admin: .admin
        case .adminAccounts: .adminAccounts
        case .adminAccount: .adminAccount
        case .adminInvitation: .adminInvitation
        case .adminDeactivate: .adminDeactivate
        case .adminReactivate: .adminReactivate
        case .adminCareTeam: .adminCareTeam
        case .settings: .settings
        case .thresholds: .thresholds
        case .programOverview: .programOverview
        case .programReport: .programReport
        case .recovery: .recovery
        case .thoughtRecords: .thoughtRecords
        case .newThoughtRecord: .newThoughtRecord
        case .diaryCard: .diaryCard
        case .activities: .activities
        case .rateActivity: .rateActivity
        case .paws: .paws
        case .support: .support
        case .removeContact: .removeContact
        case .meetings: .meetings
        case .myGroups: .myGroups
        case .homeworkDone: .homeworkDone
        case .profile: .profile
        case .clientRecovery: .clientRecovery
        case .groups: .groups
        case .group: .group
        case .groupAttendance: .groupAttendance
        case .groupHomework: .groupHomework
        }
    }

    /// The link: the page's template with its id, then its query and fragment.
    var path: String {
        var id: String?
        var query: [(String, String)] = []
        var fragment: String?
        switch self {
        case .today(let saved), .safetyPlan(let saved), .relapsePlan(let saved), .reminders(let saved),
            .myConsents(let saved), .thoughtRecords(let saved), .activities(let saved), .support(let saved),
            .myGroups(let saved), .profile(let saved):
            if saved { query.append(("saved", "1")) }
        case .newThoughtRecord(let starter):
            // Starter ids are fixed words.
            if let starter { query.append(("starter", starter)) }
        case .diaryCard(let week, let saved):
            if let week { query.append(("week", week.description)) }
            if saved { query.append(("saved", "1")) }
        case .rateActivity(let item), .removeContact(let item), .homeworkDone(let item), .groupAttendance(let item),
            .groupHomework(let item):
            id = item.uuidString.lowercased()
        case .clientRecovery(let client):
            id = client.description
        case .groups(let saved):
            if let saved { query.append(("saved", saved)) }
        case .group(let group, let date, let saved):
            id = group.uuidString.lowercased()
            if let date { query.append(("date", date.description)) }
            if let saved { query.append(("saved", saved)) }
        case .consents(let client, let saved):
            id = client.description
            if let saved { query.append(("saved", saved)) }
        case .counselingNotes(let client, let saved):
            id = client.description
            if saved { query.append(("saved", "1")) }
        case .caseload(let sort, let show):
            if let sort { query.append(("sort", sort.rawValue)) }
            if let show { query.append(("show", show.rawValue)) }
        case .chart(let client, let days, let saved, let anchor):
            id = client.description
            if let days { query.append(("days", String(days))) }
            if let saved { query.append(("saved", saved)) }
            fragment = anchor
        case .newAssessment(let client, let instrument):
            id = client.description
            query.append(("instrument", instrument.rawValue))
        case .assessments(let client), .ordering(let client), .screens(let client), .clientSafetyPlan(let client),
            .clientRelapsePlan(let client),
            .admit(let client), .discharge(let client), .levelDecision(let client), .levelFactors(let client),
            .signPlan(let client), .cmEnroll(let client), .cmEnd(let client), .cmPayout(let client),
            .medications(let client), .prescriberNotes(let client), .revokeConsent(let client), .disclose(let client):
            id = client.description
        case .invitation(let token):
            // Tokens are base64url: nothing that needs escaping in a path.
            id = token
        case .admin(let saved), .settings(let saved), .notificationSettings(let saved):
            if let saved { query.append(("saved", saved)) }
        case .adminAccount(let user, let saved):
            id = user.description
            if let saved { query.append(("saved", saved)) }
        case .adminInvitation(let user), .adminDeactivate(let user), .adminReactivate(let user),
            .adminCareTeam(let user):
            id = user.description
        case .acknowledge(let alert):
            id = alert.description
        case .programOverview(let days):
            if let days { query.append(("days", String(days))) }
        case .auditLog(let search, let format):
            query.append(contentsOf: search.fields.map { ($0.name, $0.value) })
            if let format { query.append(("format", format)) }
        case .programReport(let from, let to, let format):
            if let from { query.append(("from", from.description)) }
            if let to { query.append(("to", to.description)) }
            if let format { query.append(("format", format)) }
        case .home, .selfCheck, .stylesheet, .login, .logout, .pattern, .cycle, .myPlan, .adminAccounts, .thresholds,
            .contingencySettings, .revokeMyConsent, .recovery, .paws, .meetings:
            break
        }
        let segments = page.template.map { $0.hasPrefix(":") ? id ?? $0 : $0 }
        // Query values are ids, numbers and fixed words: nothing that needs escaping.
        let queryText = query.isEmpty ? "" : "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return "/" + segments.joined(separator: "/") + queryText + (fragment.map { "#\($0)" } ?? "")
    }
}

extension RoutesBuilder {
    /// Registers a page's GET handler from its `SiteURL.Page`.
    func get(_ page: SiteURL.Page, use handler: @escaping @Sendable (Request) async throws -> Response) {
        on(.GET, page.pathComponents, use: handler)
    }

    /// Registers a page's form handler (POST) from its `SiteURL.Page`, with a body limit.
    func post(
        _ page: SiteURL.Page, maxSize: ByteCount = "16kb",
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        on(.POST, page.pathComponents, body: .collect(maxSize: maxSize), use: handler)
    }
}
