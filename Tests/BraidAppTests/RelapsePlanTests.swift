import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The relapse-prevention plan (§10, issue 12): the client's own on the phone, the care team's on the chart and in
/// the API, versioned like the safety plan, linked from Today and the crisis banner.
@Suite(
    "Relapse-prevention plan: the client's and the team's versions, refusals by field, links from Today and the banner")
struct RelapsePlanTests {
    @Test("the client writes it on the phone, the team updates it on the chart: two versions, the first kept")
    func webVersions() async throws {
        try await withBraidApp { app, fixture, _ in
            let k1 = try await PageSession.signIn(app, email: "k1@test.example")
            let today = try await k1.send(.GET, "today")
            #expect(today.text.contains("href=\"/my-relapse-plan\""))
            let empty = try await k1.send(.GET, "my-relapse-plan")
            #expect(empty.status == .ok && empty.text.contains("Not written yet"))
            for section in RelapsePlanSection.allCases {
                #expect(empty.text.contains("name=\"\(section.rawValue)\""))
            }
            let token = try #require(PageSession.csrf(in: empty.text))
            let nothing = try await k1.send(.POST, "my-relapse-plan", form: ["_csrf": token, "afterALapse": "  \n"])
            #expect(nothing.status == .unprocessableEntity && nothing.text.contains("id=\"highRiskSituations-error\""))
            let long = try await k1.send(
                .POST, "my-relapse-plan",
                form: ["_csrf": token, "afterALapse": "Call Sam\n" + String(repeating: "a", count: 301)])
            #expect(long.status == .unprocessableEntity && long.text.contains("id=\"afterALapse-error\""))
            #expect(long.text.contains("line 2 is longer than 300 characters"))
            #expect(try await app.repository.plan(RelapsePlanSection.self, of: fixture.k1) == nil)
            let saved = try await k1.send(
                .POST, "my-relapse-plan",
                form: [
                    "_csrf": token, "highRiskSituations": "Payday\nSeeing my old crew", "peopleToCall": "Sam",
                    "afterALapse": "Tell my counselor the next day\nIt is a lapse, not the end",
                ])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/my-relapse-plan?saved=1")
            let shown = try await k1.send(.GET, "my-relapse-plan?saved=1")
            #expect(shown.text.contains("Saved as a new version.") && shown.text.contains("Version 1"))
            #expect(shown.text.contains("Seeing my old crew"))
            // The safety plan is a different plan: it is untouched.
            #expect(try await app.repository.safetyPlan(of: fixture.k1) == nil)

            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await c1.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("href=\"/clients/\(fixture.client1)/relapse-plan\""))
            let team = try await c1.send(.GET, "clients/\(fixture.client1)/relapse-plan")
            #expect(team.text.contains("Relapse-prevention plan: ") && team.text.contains("Version 1"))
            let updated = try await c1.send(
                .POST, "clients/\(fixture.client1)/relapse-plan",
                form: [
                    "_csrf": try #require(PageSession.csrf(in: team.text)),
                    "highRiskSituations": "Payday\nSeeing my old crew", "warningSigns": "Skipping group",
                    "copingResponses": "Urge surfing for 20 minutes", "peopleToCall": "Sam\nSponsor: Lee",
                    "afterALapse": "Tell my counselor the next day",
                ])
            #expect(updated.headers.first(name: .location) == "/clients/\(fixture.client1)?saved=relapse-plan")
            let notice = try await c1.send(.GET, "clients/\(fixture.client1)?saved=relapse-plan")
            #expect(notice.text.contains("Relapse-prevention plan saved as a new version."))
            let versions = try await app.repository.planVersions(RelapsePlanSection.self, of: fixture.k1)
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[0].savedBy != fixture.clinician1 && versions[1].savedBy == fixture.clinician1)
            #expect(versions[0].plan.items(.afterALapse).count == 2 && versions[1].plan.items(.warningSigns).count == 1)
            let c2 = try await PageSession.signIn(app, email: "c2@test.example")
            #expect(try await c2.send(.GET, "clients/\(fixture.client1)/relapse-plan").status == .notFound)
            // Staff are sent from the client's own page to their caseload.
            #expect(try await c1.send(.GET, "my-relapse-plan").status == .seeOther)
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(actions.filter { $0 == "relapse-plan.save" }.count == 2)
            #expect(actions.filter { $0 == "relapse-plan.read" }.count >= 3)
        }
    }

    @Test("the crisis banner links a client's own plans, and only on a client's pages")
    func bannerLinks() async throws {
        try await withBraidApp { app, fixture, _ in
            let k1 = try await PageSession.signIn(app, email: "k1@test.example")
            for path in ["today", "pattern", "my-plan", "safety-plan"] {
                let page = try await k1.send(.GET, path)
                let banner = try #require(page.text.range(of: "aria-label=\"Crisis help\"")).upperBound
                let end = try #require(page.text.range(of: "</header>")).lowerBound
                let bar = page.text[banner..<end]
                #expect(bar.contains("href=\"/my-relapse-plan\"") && bar.contains("href=\"/safety-plan\""), "\(path)")
            }
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await c1.send(.GET, "clients/\(fixture.client1)")
            #expect(!chart.text.contains("href=\"/my-relapse-plan\""))
            let home = try await app.call(.GET, "")
            #expect(home.text.contains("Call 988") && !home.text.contains("href=\"/my-relapse-plan\""))
        }
    }

    @Test("API: empty sections with titles, versions by the team and the client, refusals naming the item")
    func api() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/clients/\(fixture.client1)/relapse-plan"
            let empty = try await app.call(.GET, path, token: fixture.token("c1"))
            #expect(empty.status == .ok && empty.json["version"] == nil && empty.json["reviewDue"] == nil)
            let sections = try #require(empty.json["sections"] as? [String: [String]])
            #expect(Set(sections.keys) == Set(RelapsePlanSection.allCases.map(\.rawValue)))
            #expect(sections.values.allSatisfy { $0.isEmpty })
            let titles = try #require(empty.json["titles"] as? [String: String])
            #expect(titles["afterALapse"]?.contains("lapse") == true)
            for (body, field) in [
                (#"{"sections": {"afterALapse": [" "]}}"#, "sections.afterALapse[0]"),
                (#"{"sections": {"helpers": ["Sam"]}}"#, "sections.helpers"),
                (#"{"sections": {"peopleToCall": "Sam"}}"#, "sections.peopleToCall"),
                (#"{"sections": {}}"#, "sections.highRiskSituations"),
            ] {
                let refused = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/relapse-plan-versions", token: fixture.token("c1"),
                    body: body)
                #expect(refused.status == .unprocessableEntity && refused.errorField == field, "\(body)")
            }
            #expect(try await app.repository.plan(RelapsePlanSection.self, of: fixture.k1) == nil)
            let saved = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/relapse-plan-versions", token: fixture.token("c1"),
                body: #"{"sections": {"highRiskSituations": ["Payday"], "copingResponses": ["Call Sam first"]}}"#)
            #expect(saved.status == .created && saved.json["version"] as? Int == 1)
            let mine = try await app.call(.GET, "api/v1/me/relapse-plan", token: fixture.token("k1"))
            #expect((mine.json["sections"] as? [String: [String]])?["copingResponses"] == ["Call Sam first"])
            let own = try await app.call(
                .POST, "api/v1/me/relapse-plan-versions", token: fixture.token("k1"),
                body: #"{"sections": {"highRiskSituations": ["Payday", "Friday nights"]}}"#)
            #expect(own.status == .created && own.json["version"] as? Int == 2)
            #expect(try await app.repository.safetyPlanVersions(of: fixture.k1).isEmpty)
            #expect(try await app.call(.GET, path, token: fixture.token("c2")).status == .notFound)
            #expect(try await app.call(.GET, "api/v1/me/relapse-plan", token: fixture.token("c1")).status == .notFound)
        }
    }
}
