import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The treatment plan in the app (§7): derived from stored data, signed by the care team in versions, shown to the
/// client in plain words. Runs on SQLite, and on PostgreSQL in CI's PostgreSQL pass.
@Suite("Treatment plan in the app: derivation, signing, versions, progress, the client's view, authorization")
struct TreatmentPlanAppTests {
    static func seed(_ app: Application, _ fixture: Fixture) async throws {
        for body in [
            #"{"instrument": "stimulant-sud", "answers": [1,1,1,1,1,0,0,0,0,0,0], "date": "2026-06-01"}"#,
            #"{"instrument": "phq9", "answers": [2,2,2,2,2,1,1,1,0], "date": "2026-06-01"}"#,
            #"{"instrument": "gad7", "answers": [2,2,2,1,1,1,1], "date": "2026-06-01"}"#,
        ] {
            let response = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"), body: body)
            #expect(response.status == .created)
        }
    }

    static func signBody(_ fixture: Fixture, sudInterventions: String = #"["contingency-management", "cbt"]"#)
        -> String
    {
        """
        {"problems": [
          {"kind": "stimulant-use-disorder", "decision": "accepted", "interventions": \(sudInterventions)},
          {"kind": "depression", "decision": "edited", "statement": "Low mood since the layoff",
           "reason": "Client's own words", "interventions": ["behavioral-activation", "psychiatric-care"]},
          {"kind": "anxiety", "decision": "dismissed", "reason": "Worry settled once housing was sorted"},
          {"kind": "sleep", "decision": "accepted", "interventions": ["cbt"]}
        ],
        "goals": [
          {"target": "phq9-below-10", "due": "2026-08-10", "owner": "\(fixture.clinician1)"},
          {"target": "abstinent-21-days-confirmed", "due": "2026-08-10", "owner": "\(fixture.clinician1)"}
        ]}
        """
    }

    @Test("derived from stored data with codes and suggestions; signed in versions; goals with computed progress")
    func derivationAndSigning() async throws {
        try await withBraidApp { app, fixture, _ in
            try await Self.seed(app, fixture)
            let path = "api/v1/clients/\(fixture.client1)/plan"
            let plan = try await app.call(.GET, path, token: fixture.token("c1"))
            #expect(plan.status == .ok && plan.json["reviewDue"] as? Bool == true && plan.json["current"] == nil)
            let derived = try #require(plan.json["derivedProblems"] as? [[String: Any]])
            #expect(
                derived.compactMap { $0["kind"] as? String } == [
                    "stimulant-use-disorder", "depression", "anxiety", "sleep",
                ])
            #expect(derived[0]["icd10"] as? String == "F14.20")
            #expect(derived[0]["suggested"] as? [String] == ["contingency-management", "cbt", "relapse-prevention"])
            #expect(derived[1]["icd10"] as? String == "F32.A" && derived[1]["provisional"] as? Bool == true)
            #expect((plan.json["modalities"] as? [[String: Any]])?.count == 10)

            let sign = "api/v1/clients/\(fixture.client1)/plan-versions"
            let adjunctOnly = try await app.call(
                .POST, sign, token: fixture.token("c1"),
                body: Self.signBody(fixture, sudInterventions: #"["neurofeedback"]"#))
            #expect(adjunctOnly.status == .unprocessableEntity)
            #expect(adjunctOnly.errorField == "problems.stimulant-use-disorder.interventions")
            let inPlace = try await app.call(
                .POST, sign, token: fixture.token("c1"),
                body: Self.signBody(fixture, sudInterventions: #"["relapse-prevention", "breathwork-pemf"]"#))
            #expect(inPlace.status == .unprocessableEntity)
            #expect(try await app.repository.planVersions(of: fixture.k1).isEmpty)
            // Only the care team signs.
            #expect(
                try await app.call(.POST, sign, token: fixture.token("k1"), body: Self.signBody(fixture)).status
                    == .forbidden)
            #expect(
                try await app.call(.POST, sign, token: fixture.token("c2"), body: Self.signBody(fixture)).status
                    == .notFound)

            let signed = try await app.call(.POST, sign, token: fixture.token("c1"), body: Self.signBody(fixture))
            #expect(signed.status == .created)
            let current = try #require(signed.json["current"] as? [String: Any])
            #expect(current["version"] as? Int == 1 && current["reviewDue"] as? String == "2026-07-15")
            let problems = try #require(current["problems"] as? [[String: Any]])
            #expect(problems[1]["statement"] as? String == "Low mood since the layoff")
            #expect(problems[2]["decision"] as? String == "dismissed")
            // Every derived problem is decided: leaving one out is refused.
            let missing = Self.signBody(fixture).replacingOccurrences(
                of: #"{"kind": "sleep", "decision": "accepted", "interventions": ["cbt"]}"#,
                with: #"{"kind": "trauma", "decision": "dismissed", "reason": "Not suggested by the data"}"#)
            let dropped = try await app.call(.POST, sign, token: fixture.token("c1"), body: missing)
            #expect(
                dropped.errorField == "problems" && dropped.error["message"].map { "\($0)" }?.contains("sleep") == true)
            let goals = try #require(current["goals"] as? [[String: Any]])
            #expect(goals[0]["progress"] as? String == "on-track")  // PHQ-9 13, due in August
            #expect(goals[1]["progress"] as? String == "no-data")  // no check-ins yet
            // A goal of a dismissed problem, or owned off the team, is refused.
            let dismissedGoal = Self.signBody(fixture).replacingOccurrences(of: "phq9-below-10", with: "gad7-below-10")
            #expect(
                try await app.call(.POST, sign, token: fixture.token("c1"), body: dismissedGoal).errorField
                    == "goals.gad7-below-10")
            let offTeam = Self.signBody(fixture).replacingOccurrences(
                of: fixture.clinician1.description, with: fixture.clinician2.description)
            #expect(
                try await app.call(.POST, sign, token: fixture.token("c1"), body: offTeam).errorField
                    == "goals.phq9-below-10.owner")
            // A second signature is a new version; the first is kept.
            _ = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "phq9", "answers": [1,1,1,1,1,1,1,1,0], "date": "2026-06-14"}"#)
            let again = try await app.call(.POST, sign, token: fixture.token("c1"), body: Self.signBody(fixture))
            #expect((again.json["versions"] as? [[String: Any]])?.map { $0["version"] as? Int } == [2, 1])
            #expect(
                ((again.json["current"] as? [String: Any])?["goals"] as? [[String: Any]])?.first?["progress"] as? String
                    == "met")
            #expect(try await app.repository.planVersions(of: fixture.k1).count == 2)
            #expect(
                try await app.repository.auditEvents(client: fixture.client1).filter { $0.action == "plan.sign" }.count
                    == 2)
            // The caseload: signed at IOP (a 30-day review), no review due.
            let caseload = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
            let entry = (caseload.json["clients"] as? [[String: Any]])?.first {
                $0["id"] as? String == fixture.client1.description
            }
            #expect(entry?["planReviewDue"] as? Bool == false)
        }
    }

    @Test("the chart's builder signs from the suggestions; the client reads only their own plain view")
    func builderAndClientView() async throws {
        try await withBraidApp { app, fixture, clock in
            try await Self.seed(app, fixture)
            let team = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await team.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("id=\"plan-builder\"") && chart.text.contains("data-problem=\"depression\""))
            #expect(chart.text.contains("no FDA-approved medication for cocaine use disorder"))
            let token = try #require(PageSession.csrf(in: chart.text))
            var form: [String: String] = ["_csrf": token]
            for kind in ["stimulant-use-disorder", "depression", "anxiety", "sleep"] {
                form["problem.\(kind).decision"] = "accepted"
            }
            form["problem.sleep.intervention.cbt"] = "on"
            for modality in ["contingency-management", "cbt", "relapse-prevention"] {
                form["problem.stimulant-use-disorder.intervention.\(modality)"] = "on"
            }
            form["problem.depression.intervention.behavioral-activation"] = "on"
            // Anxiety with only an adjunct: refused, nothing signed.
            form["problem.anxiety.intervention.neurofeedback"] = "on"
            let refused = try await team.send(.POST, "clients/\(fixture.client1)/plan-versions", form: form)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("id=\"plan-error\""))
            form["problem.anxiety.intervention.psychiatric-care"] = "on"
            form["goal.phq9-below-10"] = "on"
            form["goal.phq9-below-10.due"] = "2026-08-10"
            form["goal.phq9-below-10.owner"] = fixture.clinician1.description
            let signed = try await team.send(.POST, "clients/\(fixture.client1)/plan-versions", form: form)
            #expect(signed.status == .seeOther)
            #expect(try await app.repository.planVersions(of: fixture.k1).first?.goals.map(\.target) == [.phq9Below10])
            // At a review after the goal's date has passed, the builder offers a new date, not the passed one.
            // (Sixty days on, the earlier page session is long over: the review is a new sign-in.)
            clock.advance(by: 60 * 86_400)
            let reviewer = try await PageSession.signIn(app, email: "c1@test.example")
            let review = try await reviewer.send(.GET, "clients/\(fixture.client1)")
            #expect(review.text.contains("id=\"goal.phq9-below-10.due\" value=\"2026-10-09\""))
            clock.advance(by: -60 * 86_400)

            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let mine = try await client.send(.GET, "my-plan")
            #expect(mine.status == .ok && mine.text.contains("Lifting low mood and getting enjoyment back"))
            #expect(mine.text.contains("PHQ-9 below 10") && mine.text.contains("On track"))
            #expect(!mine.text.contains("F14.20"))
            let other = try await PageSession.signIn(app, email: "k2@test.example")
            #expect(try await other.send(.GET, "my-plan").text.contains("has not signed a plan"))
            #expect(try await team.send(.GET, "my-plan").headers.first(name: .location) == "/caseload")
            #expect(
                try await app.call(.GET, "api/v1/clients/\(fixture.client1)/plan", token: fixture.token("k1")).status
                    == .ok)
            #expect(
                try await app.call(.GET, "api/v1/clients/\(fixture.client1)/plan", token: fixture.token("k2")).status
                    == .notFound)
        }
    }
}
