import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The safety plan in the API (§8, issue 12) and its print layout.
@Suite("Safety plan API: the starter, versions by the team and by the client, refusals by field; print layout")
struct SafetyPlanAPITests {
    @Test("starter with 988; a new version each save; bad input named; others' plans not found")
    func versions() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/clients/\(fixture.client1)/safety-plan"
            let starter = try await app.call(.GET, path, token: fixture.token("c1"))
            #expect(starter.status == .ok && starter.json["version"] == nil)
            let sections = try #require(starter.json["sections"] as? [String: [String]])
            #expect(sections["professionals"]?.contains { $0.contains("988") } == true)
            #expect(starter.json["reviewDue"] as? Bool == false)
            for (body, field) in [
                (#"{"sections": {"helpers": [""]}}"#, "sections.helpers[0]"),
                (#"{"sections": {"helpers": ["a\nb", "c"]}}"#, "sections.helpers[0]"),
                (#"{"sections": {"helpers": "Mum"}}"#, "sections.helpers"),
                (#"{"sections": {"pets": ["Rex"]}}"#, "sections.pets"), (#"{"sections": {}}"#, "sections.warningSigns"),
                (#"{}"#, "sections"),
            ] {
                let refused = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/safety-plan-versions", token: fixture.token("c1"),
                    body: body)
                #expect(refused.status == .unprocessableEntity && refused.errorField == field, "\(body)")
            }
            let long = String(repeating: "x", count: 301)
            let tooLong = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/safety-plan-versions", token: fixture.token("c1"),
                body: #"{"sections": {"helpers": ["\#(long)"]}}"#)
            #expect(tooLong.status == .unprocessableEntity && tooLong.errorField == "sections.helpers[0]")
            let saved = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/safety-plan-versions", token: fixture.token("c1"),
                body: #"{"sections": {"warningSigns": ["Payday", "Not sleeping"], "helpers": ["My sister Jo"]}}"#)
            #expect(saved.status == .created && saved.json["version"] as? Int == 1)
            let mine = try await app.call(.GET, "api/v1/me/safety-plan", token: fixture.token("k1"))
            #expect((mine.json["sections"] as? [String: [String]])?["warningSigns"] == ["Payday", "Not sleeping"])
            let own = try await app.call(
                .POST, "api/v1/me/safety-plan-versions", token: fixture.token("k1"),
                body: #"{"sections": {"warningSigns": ["Payday"], "reasonsForLiving": ["My daughter"]}}"#)
            #expect(own.status == .created && own.json["version"] as? Int == 2)
            #expect(try await app.repository.safetyPlanVersions(of: fixture.k1).count == 2)
            #expect(try await app.call(.GET, path, token: fixture.token("c2")).status == .notFound)
            #expect(try await app.call(.GET, "api/v1/me/safety-plan", token: fixture.token("c1")).status == .notFound)
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(actions.filter { $0 == "safety-plan.save" }.count == 2 && actions.contains("safety-plan.read"))
        }
    }

    @Test("printing the plan leaves out the form and keeps the crisis lines")
    func printLayout() async throws {
        try await withBraidApp { app, _, _ in
            let css = try await app.call(.GET, "assets/braid.css")
            #expect(css.text.contains("@media print") && css.text.contains(".no-print"))
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await client.send(.GET, "safety-plan")
            #expect(page.text.contains("class=\"no-print\"") && page.text.contains("class=\"crisis\""))
        }
    }
}
