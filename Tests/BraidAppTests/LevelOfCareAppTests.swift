import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// Level of care in the app (§6): computed from stored data, decided by the care team, kept with its history.
/// Runs on SQLite, and on PostgreSQL in CI's PostgreSQL pass.
@Suite("Level of care in the app: recommendation from data, decisions, history, caseload, authorization")
struct LevelOfCareAppTests {
    static let today = CalendarDate(iso: "2026-06-15")!

    static func admit(_ app: Application, _ client: ClientRef, daysAgo: Int, level: LevelOfCare = .iop) async throws {
        try await app.repository.admit(
            Episode(
                id: .random(), clientID: client.id, programID: client.programID,
                admittedOn: today.adding(days: -daysAgo), levelAtAdmission: level, referralSource: .selfReferred),
            by: nil, now: Fixture.now)
    }

    static func level(_ app: Application, _ fixture: Fixture, token: String = "c1") async throws -> [String: Any] {
        let response = try await app.call(.GET, "api/v1/clients/\(fixture.client1)/level", token: fixture.token(token))
        #expect(response.status == .ok)
        return response.json
    }

    static func caseloadEntry(_ app: Application, _ fixture: Fixture) async throws -> [String: Any]? {
        let caseload = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
        return (caseload.json["clients"] as? [[String: Any]])?.first {
            $0["id"] as? String == fixture.client1.description
        }
    }

    @Test(
        "before admission the recommendation is for intake; a severe PHQ-9 at IOP recommends PHP and flags the caseload"
    )
    func recommendation() async throws {
        try await withBraidApp { app, fixture, _ in
            let intake = try await Self.level(app, fixture)
            #expect(intake["episodeStatus"] as? String == "not-admitted" && intake["currentLevel"] == nil)
            let first = try #require(intake["recommendation"] as? [String: Any])
            #expect(first["stepDirection"] is NSNull && first["level"] as? String == "outpatient")

            try await Self.admit(app, fixture.k1, daysAgo: 20)
            let phq9 = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "phq9", "answers": [3,3,3,3,3,2,2,2,0,2], "date": "2026-06-14"}"#)
            #expect(phq9.status == .created)
            let level = try await Self.level(app, fixture)
            let recommendation = try #require(level["recommendation"] as? [String: Any])
            #expect(recommendation["level"] as? String == "php" && recommendation["stepDirection"] as? String == "up")
            #expect(
                recommendation["rules"] as? [String] == ["phq9-severe", "phq9-moderately-severe-with-impairment"])
            let inputs = try #require(level["inputs"] as? [String: Any])
            #expect(inputs["phq9"] as? Int == 21 && inputs["phq9Functional"] as? Int == 2)
            #expect(inputs["currentLevel"] as? String == "iop" && inputs["daysAtCurrentLevel"] as? Int == 20)
            #expect(inputs["daysSinceLastUse"] is NSNull)
            let entry = try #require(try await Self.caseloadEntry(app, fixture))
            #expect(entry["level"] as? String == "iop")
            #expect(
                (entry["flags"] as? [[String: Any]])?.contains { $0["id"] as? String == "step-up-recommended" } == true)
            let page = try await (try await PageSession.signIn(app, email: "c1@test.example")).send(.GET, "caseload")
            #expect(page.text.contains("data-level=\"iop\"") && page.text.contains("data-flag=\"step-up-recommended\""))
        }
    }

    @Test("accept, override with a reason, a stale recommendation refused; history, audit and the safety-plan review")
    func decisions() async throws {
        try await withBraidApp { app, fixture, _ in
            // No episode: no decision.
            let early = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/level-decisions", token: fixture.token("c1"),
                body: #"{"decision": "accept"}"#)
            #expect(early.status == .unprocessableEntity && early.errorField == "decision")
            try await Self.admit(app, fixture.k1, daysAgo: 20)
            _ = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "phq9", "answers": [3,3,3,3,3,2,2,2,0], "date": "2026-06-14"}"#)
            let path = "api/v1/clients/\(fixture.client1)/level-decisions"
            for (body, field, status) in [
                (#"{"decision": "override", "level": "outpatient"}"#, "reason", HTTPStatus.unprocessableEntity),
                (#"{"decision": "override", "level": "php", "reason": "why not"}"#, "level", .unprocessableEntity),
                (#"{"decision": "override", "reason": "no level"}"#, "level", .unprocessableEntity),
                (#"{"decision": "accept", "level": "iop"}"#, "level", .unprocessableEntity),
                (#"{"decision": "maybe"}"#, "decision", .unprocessableEntity),
                (#"{"decision": "accept", "extra": 1}"#, "extra", .unprocessableEntity),
                (#"{"decision": "accept", "recommendedLevel": "iop"}"#, "recommendedLevel", .conflict),
            ] {
                let refused = try await app.call(.POST, path, token: fixture.token("c1"), body: body)
                #expect(refused.status == status, "\(body)")
                #expect(refused.errorField == field, "\(body)")
            }
            #expect(try await app.repository.levelDecisions(of: fixture.k1).isEmpty)
            // Only the care team decides: the client gets 403, another clinician 404.
            let client = try await app.call(.POST, path, token: fixture.token("k1"), body: #"{"decision": "accept"}"#)
            #expect(client.status == .forbidden)
            let other = try await app.call(.POST, path, token: fixture.token("c2"), body: #"{"decision": "accept"}"#)
            #expect(other.status == .notFound)

            let accepted = try await app.call(
                .POST, path, token: fixture.token("c1"), body: #"{"decision": "accept", "recommendedLevel": "php"}"#)
            #expect(accepted.status == .created)
            #expect((accepted.json["currentLevel"] as? [String: Any])?["level"] as? String == "php")
            #expect(accepted.json["safetyPlanReviewDue"] as? Bool == true)
            let history = try #require(accepted.json["history"] as? [[String: Any]])
            #expect(history.map { $0["level"] as? String } == ["iop", "php"])
            #expect(history.last?["from"] as? String == "2026-06-15")
            let entry = try #require(try await Self.caseloadEntry(app, fixture))
            #expect(entry["level"] as? String == "php")
            #expect(
                (entry["flags"] as? [[String: Any]])?.contains { $0["id"] as? String == "step-up-recommended" } == false
            )

            // At PHP with the PHP rule still holding, the team overrides the "stay" to keep IOP, with a reason.
            let override = try await app.call(
                .POST, path, token: fixture.token("c1"),
                body: #"{"decision": "override", "level": "iop", "reason": "Client cannot attend days; IOP plus CM"}"#)
            #expect(override.status == .created)
            let decisions = try #require(override.json["decisions"] as? [[String: Any]])
            #expect(decisions.map { $0["decision"] as? String } == ["overridden", "accepted"])
            #expect(decisions.first?["reason"] as? String == "Client cannot attend days; IOP plus CM")
            #expect(decisions.first?["decidedBy"] as? String == fixture.clinician1.description)
            let stored = try await app.repository.levelDecisions(of: fixture.k1)
            #expect(stored.count == 2 && stored.first?.inputs.phq9 == 21)
            #expect(stored.first?.recommendation.rules == [.phq9Severe])
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(actions.filter { $0 == "level.decision" }.count == 2)

            // Saving the safety plan clears the review prompt.
            let team = try await PageSession.signIn(app, email: "c1@test.example")
            let plan = try await team.send(.GET, "clients/\(fixture.client1)/safety-plan")
            let token = try #require(PageSession.csrf(in: plan.text))
            let saved = try await team.send(
                .POST, "clients/\(fixture.client1)/safety-plan",
                form: ["_csrf": token, "warningSigns": "Payday", "professionals": "988"])
            #expect(saved.status == .seeOther)
            #expect(try await Self.level(app, fixture)["safetyPlanReviewDue"] as? Bool == false)
            // The client may read its own level; not another client's.
            #expect(
                try await app.call(.GET, "api/v1/clients/\(fixture.client1)/level", token: fixture.token("k1")).status
                    == .ok)
            #expect(
                try await app.call(.GET, "api/v1/clients/\(fixture.client2)/level", token: fixture.token("k1")).status
                    == .notFound)
        }
    }

    @Test("an accepted referral to a higher level is kept, and the client's record still reads everywhere")
    func referHigher() async throws {
        try await withBraidApp { app, fixture, _ in
            try await Self.admit(app, fixture.k1, daysAgo: 5)
            let cssrs = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "cssrs", "answers": [1, 1, 1, 1, 0, 0, null], "date": "2026-06-14"}"#)
            #expect(cssrs.status == .created)
            let accepted = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/level-decisions", token: fixture.token("c1"),
                body: #"{"decision": "accept", "recommendedLevel": "refer-higher"}"#)
            #expect(accepted.status == .created)
            #expect((accepted.json["currentLevel"] as? [String: Any])?["level"] as? String == "refer-higher")
            #expect((accepted.json["inputs"] as? [String: Any])?["currentLevel"] as? String == "php")
            // Another decision stores its inputs; every read of the record still works.
            let again = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/level-decisions", token: fixture.token("c1"),
                body: #"{"decision": "accept"}"#)
            #expect(again.status == .created)
            for path in ["level", "analysis", "plan", "checkins"] {
                let read = try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)/\(path)", token: fixture.token("c1"))
                #expect(read.status == .ok, "\(path)")
            }
            #expect(try await app.call(.GET, "api/v1/clients", token: fixture.token("c1")).status == .ok)
            #expect(try await app.repository.levelDecisions(of: fixture.k1).count == 2)
        }
    }

    @Test("the chart: the recommendation in words, factors that move it, accept and override forms")
    func chart() async throws {
        try await withBraidApp { app, fixture, _ in
            try await Self.admit(app, fixture.k1, daysAgo: 10)
            let team = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await team.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("data-current-level=\"iop\""))
            #expect(chart.text.contains("data-recommended-level=\"iop\""))
            let token = try #require(PageSession.csrf(in: chart.text))
            let badFactor = try await team.send(
                .POST, "clients/\(fixture.client1)/level-factors", form: ["_csrf": token, "psychosis": "maybe"])
            #expect(badFactor.status == .unprocessableEntity && badFactor.text.contains("id=\"psychosis-error\""))
            let factors = try await team.send(
                .POST, "clients/\(fixture.client1)/level-factors",
                form: ["_csrf": token, "recoveryEnvironment": "unsafe", "psychosis": "false"])
            #expect(factors.status == .seeOther)
            let moved = try await team.send(.GET, "clients/\(fixture.client1)")
            #expect(moved.text.contains("data-rule=\"unsafe-environment\"") && moved.text.contains("data-step=\"up\""))
            #expect(moved.text.contains("Unsafe recovery environment recorded."))
            let noReason = try await team.send(
                .POST, "clients/\(fixture.client1)/level-decisions",
                form: ["_csrf": token, "decision": "override", "recommendedLevel": "php", "level": "iop", "reason": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("id=\"reason-error\""))
            let accept = try await team.send(
                .POST, "clients/\(fixture.client1)/level-decisions",
                form: ["_csrf": token, "decision": "accept", "recommendedLevel": "php"])
            #expect(accept.status == .seeOther)
            #expect(accept.headers.first(name: .location)?.contains("saved=level-changed") == true)
            let after = try await team.send(.GET, "clients/\(fixture.client1)")
            #expect(
                after.text.contains("data-current-level=\"php\"") && after.text.contains("id=\"safety-plan-review\""))
            #expect(after.text.contains("data-decision=\"accepted\""))
            let stale = try await team.send(
                .POST, "clients/\(fixture.client1)/level-decisions",
                form: ["_csrf": token, "decision": "accept", "recommendedLevel": "outpatient"])
            #expect(stale.status == .conflict && stale.text.contains("new data arrived"))
        }
    }

    @Test("no abstinence gate: a client using daily is placed and planned, never refused")
    func noAbstinenceGate() async throws {
        try await withBraidApp { app, fixture, _ in
            for offset in 0..<10 {
                let date = Self.today.adding(days: -offset)
                let response = try await app.call(
                    .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                    body: #"{"date": "\#(date)", "mood": 3, "craving": 8, "sleepHours": 5, "used": true}"#)
                #expect(response.status == .created)
            }
            let intake = try await Self.level(app, fixture)
            let recommendation = try #require(intake["recommendation"] as? [String: Any])
            #expect(recommendation["level"] as? String == "iop")
            #expect(recommendation["rules"] as? [String] == ["recent-use"])
            // Admission and a level decision while using every day.
            let team = try await PageSession.signIn(app, email: "c1@test.example")
            let token = try #require(
                PageSession.csrf(in: (try await team.send(.GET, "clients/\(fixture.client1)")).text))
            let admitted = try await team.send(
                .POST, "clients/\(fixture.client1)/episodes",
                form: ["_csrf": token, "admittedOn": "2026-06-15", "level": "iop", "referralSource": "self"])
            #expect(admitted.status == .seeOther)
            let decided = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/level-decisions", token: fixture.token("c1"),
                body: #"{"decision": "accept"}"#)
            #expect(decided.status == .created)
        }
    }
}
