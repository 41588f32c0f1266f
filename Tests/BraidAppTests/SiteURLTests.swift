import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("SiteURL: one value for every web route and link")
struct SiteURLTests {
    @Test("the router serves exactly the pages SiteURL lists, with their methods")
    func matchesRouter() async throws {
        try await withBraidApp { app, _, _ in
            let registered = Set(
                app.routes.all.filter { $0.path.first?.description != "api" }.map { route in
                    "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                })
            let listed = Set(
                SiteURL.Page.allCases.flatMap { page in page.methods.map { "\($0.rawValue) \(page.pattern)" } })
            #expect(registered == listed)
            #expect(listed.count == SiteURL.Page.allCases.map(\.methods.count).reduce(0, +))
        }
    }

    @Test("links fill in ids, query and fragment; each link's page is the route it names")
    func links() {
        let client = ClientID(UUID(uuidString: "5D5B1B4E-0000-4000-8000-000000000001")!)
        let id = client.description
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.today().path == "/today")
        #expect(SiteURL.today(saved: true).path == "/today?saved=1")
        #expect(SiteURL.caseload(sort: .phq9).path == "/caseload?sort=phq9")
        #expect(SiteURL.chart(client).path == "/clients/\(id)")
        #expect(SiteURL.chart(client, days: 30).path == "/clients/\(id)?days=30")
        #expect(
            SiteURL.chart(client, saved: "screen", anchor: "screen").path == "/clients/\(id)?saved=screen#screen")
        #expect(SiteURL.newAssessment(client, .cssrs).path == "/clients/\(id)/assessments/new?instrument=cssrs")
        #expect(SiteURL.clientSafetyPlan(client).path == "/clients/\(id)/safety-plan")
        let alert = AlertID.random()
        #expect(SiteURL.acknowledge(alert).path == "/alerts/\(alert)/acknowledge")
        #expect(SiteURL.caseload(show: .discharged).path == "/caseload?show=discharged")
        #expect(SiteURL.caseload(sort: .name, show: .discharged).path == "/caseload?sort=name&show=discharged")
        #expect(SiteURL.invitation("abc-_9").path == "/invite/abc-_9")
        let user = UserID.random()
        #expect(SiteURL.adminAccount(user, saved: "care-team").path == "/admin/accounts/\(user)?saved=care-team")
        #expect(SiteURL.adminDeactivate(user).path == "/admin/accounts/\(user)/deactivate")
        #expect(SiteURL.discharge(client).path == "/clients/\(id)/discharge")
        #expect(SiteURL.settings(saved: "thresholds").path == "/admin/settings?saved=thresholds")
        #expect(SiteURL.cmPayout(client).path == "/clients/\(id)/contingency/payouts")
        #expect(SiteURL.relapsePlan(saved: true).path == "/my-relapse-plan?saved=1")
        #expect(SiteURL.clientRelapsePlan(client).path == "/clients/\(id)/relapse-plan")
        #expect(SiteURL.notificationSettings(saved: "notifications").path == "/admin/notifications?saved=notifications")
        #expect(
            SiteURL.programReport(
                from: CalendarDate(iso: "2026-01-01"), to: CalendarDate(iso: "2026-03-31"), format: "csv"
            ).path == "/program/report?from=2026-01-01&to=2026-03-31&format=csv")
        #expect(SiteURL.consents(client, saved: "consent").path == "/clients/\(id)/consents?saved=consent")
        #expect(SiteURL.counselingNotes(client, saved: true).path == "/clients/\(id)/counseling-notes?saved=1")
        #expect(SiteURL.myConsents(saved: true).path == "/my-consents?saved=1")
        // A link's path, without query and fragment, matches its page's template segment by segment.
        let links: [SiteURL] = [
            .home, .selfCheck, .stylesheet, .login, .logout, .today(), .pattern, .cycle, .safetyPlan(), .caseload(),
            .chart(client), .newAssessment(client, .phq9), .assessments(client), .ordering(client), .screens(client),
            .clientSafetyPlan(client), .acknowledge(alert), .invitation("token"), .admit(client), .discharge(client),
            .levelDecision(client), .levelFactors(client), .signPlan(client), .myPlan,
            .admin(), .adminAccounts, .adminAccount(user), .adminInvitation(user), .adminDeactivate(user),
            .adminReactivate(user), .adminCareTeam(user), .settings(), .thresholds, .programOverview(),
            .cmEnroll(client), .cmEnd(client), .cmPayout(client),
            .contingencySettings, .medications(client), .prescriberNotes(client), .relapsePlan(),
            .clientRelapsePlan(client), .reminders(), .notificationSettings(), .programReport(),
            .consents(client), .revokeConsent(client), .disclose(client), .counselingNotes(client), .myConsents(),
            .revokeMyConsent, .recovery, .thoughtRecords(), .newThoughtRecord(starter: "never-happy"),
            .diaryCard(week: CalendarDate(iso: "2026-06-08")), .activities(), .rateActivity(UUID()), .paws, .support(),
            .removeContact(UUID()), .meetings, .myGroups(), .homeworkDone(UUID()), .profile(), .clientRecovery(client),
            .groups(), .group(UUID(), date: CalendarDate(iso: "2026-06-15")), .groupAttendance(UUID()),
            .groupHomework(UUID()), .auditLog(), .auditLog(AuditQuery(action: "auth"), format: "csv"),
        ]
        #expect(Set(links.map(\.page)) == Set(SiteURL.Page.allCases))
        for link in links {
            let bare = link.path.split(separator: "?")[0].split(separator: "#")[0]
            let segments = bare.split(separator: "/").map(String.init)
            #expect(segments.count == link.page.template.count)
            for (segment, template) in zip(segments, link.page.template) where !template.hasPrefix(":") {
                #expect(segment == template)
            }
        }
    }
}
