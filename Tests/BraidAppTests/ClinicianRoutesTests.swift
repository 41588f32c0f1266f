import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("Clinician pages through HTTP")
struct ClinicianRoutesTests {
    /// 60 days of crash-driven history for k1, through the fixture's today.
    static func seedHistory(_ app: Application, _ fixture: Fixture) async throws {
        let today = CalendarDate(date: Fixture.now, timeZone: TimeZone(identifier: "UTC")!)
        let author = try #require(try await app.repository.actor(of: fixture.clinician1))
        let writes = (0..<60).map { offset -> ClinicalWrite in
            let used = offset % 7 == 0 && offset < 42
            let after = offset < 44 && (offset % 7 == 1 || offset % 7 == 2)
            let values = CheckInValues(
                mood: used ? 7 : after ? 2 : 6, craving: after ? 7 : 3, sleepHours: 7, used: used)
            return ClinicalWrite(
                .checkIn(date: today.adding(days: offset - 59), values: values), to: fixture.k1, by: author,
                through: .csvImport, requestID: "seed", now: Fixture.now)
        }
        _ = try await app.repository.commit(writes)
    }

    @Test("the chart shows the timeline at 30/90/365 days, only to the care team; bad spans are refused")
    func chart() async throws {
        try await withBraidApp { app, fixture, _ in
            try await Self.seedHistory(app, fixture)
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let caseload = try await c1.send(.GET, "caseload")
            #expect(caseload.text.contains("href=\"/clients/\(fixture.client1)\""))
            for days in TimelineModel.spans {
                let page = try await c1.send(.GET, "clients/\(fixture.client1)?days=\(days)")
                #expect(page.status == .ok)
                #expect(page.text.contains("k1’s last \(days) days: mood, craving and use"))
                #expect(page.text.contains("aria-current=\"page\">\(days) days"))
            }
            let page = try await c1.send(.GET, "clients/\(fixture.client1)")
            #expect(page.text.contains("crash-driven") && page.text.contains("Crash depth (c)"))
            #expect(page.text.contains("No ordering interview recorded yet."))
            let bad = try await c1.send(.GET, "clients/\(fixture.client1)?days=7")
            #expect(
                bad.status == .badRequest && bad.text.contains("Days: ")
                    && bad.text.contains("7' is not 30, 90 or 365."))
            let badSort = try await c1.send(.GET, "caseload?sort=shoe")
            #expect(badSort.status == .badRequest && badSort.text.contains("Sort: 'shoe' is not a column"))
            let sorted = try await c1.send(.GET, "caseload?sort=name")
            #expect(sorted.status == .ok && sorted.text.contains("aria-sort=\"ascending\""))
            // Off the care team: 404, as for the API. A client is sent to Today.
            let c2 = try await PageSession.signIn(app, email: "c2@test.example")
            #expect((try await c2.send(.GET, "clients/\(fixture.client1)")).status == .notFound)
            #expect((try await c2.send(.GET, "clients/\(fixture.client3)")).status == .notFound)
            let k1 = try await PageSession.signIn(app, email: "k1@test.example")
            #expect((try await k1.send(.GET, "clients/\(fixture.client1)")).headers.first(name: .location) == "/today")
            let audit = try await app.repository.auditEvents(client: fixture.client1).filter {
                $0.action == "chart.read"
            }
            #expect(audit.count == 4 && audit.allSatisfy { $0.actorID == fixture.clinician1 })
        }
    }

    @Test("a PHQ-9 entered on the form is scored by the API's rules; item 9 opens an alert shown on every page")
    func instrumentEntry() async throws {
        try await withBraidApp { app, fixture, _ in
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let form = try await c1.send(.GET, "clients/\(fixture.client1)/assessments/new?instrument=phq9")
            #expect(form.status == .ok && form.text.contains("name=\"phq9.9\""))
            let token = try #require(PageSession.csrf(in: form.text))
            var answers = ["_csrf": token, "instrument": "phq9"]
            for item in 1...9 { answers["phq9.\(item)"] = "1" }
            // Out of range: re-shown with the item's message and the answers kept; nothing stored.
            answers["phq9.4"] = "5"
            let invalid = try await c1.send(.POST, "clients/\(fixture.client1)/assessments", form: answers)
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("id=\"phq9.4-error\">5 is out of range 0…3</p>"))
            #expect(invalid.text.contains("name=\"phq9.1\" value=\"1\" checked"))
            #expect(try await app.repository.assessments(of: fixture.k1).isEmpty)
            answers["phq9.4"] = "1"
            let saved = try await c1.send(.POST, "clients/\(fixture.client1)/assessments", form: answers)
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/clients/\(fixture.client1)?saved=alert")
            let stored = try await app.repository.assessments(of: fixture.k1)
            #expect(stored.first?.content.scoreResult?.total == 9)
            let alert = try #require(try await app.repository.alerts(of: [fixture.k1], openOnly: true).first)
            // The alert heads the chart and the entry forms, acknowledgeable there with a return to the chart.
            let chart = try await c1.send(.GET, "clients/\(fixture.client1)?saved=alert")
            #expect(chart.text.contains("The answers raised a safety alert for the care team"))
            #expect(
                ClinicianController.notice("<script>") == nil
                    && ClinicianController.notice("gad7") == "Generalized Anxiety Disorder-7 (GAD-7) saved.")
            #expect(chart.text.contains("Safety alert: <a href=\"/clients/\(fixture.client1)\">k1</a>"))
            let gad7 = try await c1.send(.GET, "clients/\(fixture.client1)/assessments/new?instrument=gad7")
            #expect(gad7.text.contains("note-\(alert.id)"))
            let acknowledged = try await c1.send(
                .POST, "alerts/\(alert.id)/acknowledge",
                form: ["_csrf": token, "note": "Called; safe.", "return": "/clients/\(fixture.client1)?days=30"])
            #expect(acknowledged.headers.first(name: .location) == "/clients/\(fixture.client1)?days=30")
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).isEmpty)
            #expect((try await c1.send(.GET, "clients/\(fixture.client1)")).text.contains("“Called; safe.”"))
            // An off-site return is ignored.
            #expect(ClinicianController.safeReturn("//evil.example/x") == "/caseload")
            #expect(ClinicianController.safeReturn("https://evil.example") == "/caseload")
            // Unknown instrument, missing CSRF.
            #expect(
                (try await c1.send(.GET, "clients/\(fixture.client1)/assessments/new?instrument=bdi")).status
                    == .badRequest)
            let forged = try await c1.send(
                .POST, "clients/\(fixture.client1)/assessments", form: ["instrument": "phq9", "phq9.1": "1"])
            #expect(forged.status == .forbidden)
        }
    }

    @Test("the ordering interview and urine screens from the chart; errors name the field and store nothing")
    func orderingAndScreens() async throws {
        try await withBraidApp { app, fixture, _ in
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let form = try await c1.send(.GET, "clients/\(fixture.client1)/ordering")
            let token = try #require(PageSession.csrf(in: form.text))
            let missingWeeks = try await c1.send(
                .POST, "clients/\(fixture.client1)/ordering",
                form: [
                    "_csrf": token, "depressionOnsetAge": "15", "cocaineFirstUseAge": "19",
                    "period2.lowMoodPersistedWeeks": "6",
                ])
            #expect(missingWeeks.status == .unprocessableEntity)
            #expect(missingWeeks.text.contains("id=\"period2.weeks-error\">is required"))
            #expect(missingWeeks.text.contains("value=\"15\""))
            #expect(try await app.repository.assessments(of: fixture.k1).isEmpty)
            let saved = try await c1.send(
                .POST, "clients/\(fixture.client1)/ordering",
                form: [
                    "_csrf": token, "depressionOnsetAge": "15", "cocaineFirstUseAge": "19",
                    "period1.weeks": "8", "period1.lowMoodAtStart": "true", "period1.lowMoodPersistedWeeks": "6",
                ])
            #expect(saved.headers.first(name: .location) == "/clients/\(fixture.client1)?saved=ordering")
            let chart = try await c1.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("Pattern: </strong>depression-first"))
            #expect(chart.text.contains("independent"))
            // Screens: a missing result is named; a positive one is stored and marks possible use.
            let noResult = try await c1.send(
                .POST, "clients/\(fixture.client1)/screens", form: ["_csrf": token, "date": "2026-06-14"])
            #expect(noResult.status == .unprocessableEntity && noResult.text.contains("id=\"result-error\""))
            let future = try await c1.send(
                .POST, "clients/\(fixture.client1)/screens",
                form: ["_csrf": token, "date": "2026-07-01", "result": "negative"])
            #expect(
                future.status == .unprocessableEntity && future.text.contains("2026-07-01 is after today (2026-06-15)"))
            #expect(try await app.repository.screens(of: fixture.k1).isEmpty)
            let screen = try await c1.send(
                .POST, "clients/\(fixture.client1)/screens",
                form: ["_csrf": token, "date": "2026-06-14", "result": "positive"])
            #expect(screen.status == .seeOther)
            let after = try await c1.send(.GET, "clients/\(fixture.client1)")
            #expect(after.text.contains("2026-06-14: positive") && after.text.contains("td class=\"possible-use\""))
        }
    }

    @Test("safety plan: written by the client or the team, kept in versions, shown at once after a safety yes")
    func safetyPlan() async throws {
        try await withBraidApp { app, fixture, _ in
            let k1 = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await k1.send(.GET, "safety-plan")
            #expect(page.text.contains("Not written yet") && page.text.contains("988 Suicide &amp; Crisis Lifeline"))
            let token = try #require(PageSession.csrf(in: page.text))
            let empty = try await k1.send(.POST, "safety-plan", form: ["_csrf": token, "warningSigns": "  "])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("write at least one line"))
            let long = try await k1.send(
                .POST, "safety-plan",
                form: ["_csrf": token, "copingStrategies": String(repeating: "a", count: 301)])
            #expect(long.status == .unprocessableEntity && long.text.contains("id=\"copingStrategies-error\""))
            #expect(try await app.repository.safetyPlan(of: fixture.k1) == nil)
            let saved = try await k1.send(
                .POST, "safety-plan",
                form: [
                    "_csrf": token, "warningSigns": "Not sleeping\nPayday", "helpers": "Sam (sister)",
                    "professionals": "988\nDr. Rivera",
                ])
            #expect(saved.status == .seeOther)
            let first = try #require(try await app.repository.safetyPlan(of: fixture.k1))
            #expect(first.version == 1 && first.plan.items(.warningSigns) == ["Not sleeping", "Payday"])
            // The care team updates it: a second version; the first is kept.
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let teamPage = try await c1.send(.GET, "clients/\(fixture.client1)/safety-plan")
            #expect(teamPage.text.contains("Version 1"))
            let teamToken = try #require(PageSession.csrf(in: teamPage.text))
            let updated = try await c1.send(
                .POST, "clients/\(fixture.client1)/safety-plan",
                form: [
                    "_csrf": teamToken, "warningSigns": "Not sleeping\nPayday\nCalls from old friends",
                    "environment": "Give the card to Sam on payday",
                ])
            #expect(updated.headers.first(name: .location) == "/clients/\(fixture.client1)?saved=safety-plan")
            let versions = try await app.repository.safetyPlanVersions(of: fixture.k1)
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[0].plan.items(.helpers) == ["Sam (sister)"])
            let c2 = try await PageSession.signIn(app, email: "c2@test.example")
            #expect((try await c2.send(.GET, "clients/\(fixture.client1)/safety-plan")).status == .notFound)
            // Safety yes: crisis resources and the plan itself, on the same page.
            let today = try await k1.send(.GET, "today")
            let crisis = try await k1.send(
                .POST, "today",
                form: [
                    "_csrf": try #require(PageSession.csrf(in: today.text)), "mood": "1", "craving": "9",
                    "sleepHours": "4", "used": "false", "safety": "true",
                ])
            #expect(crisis.text.contains("Call 988 now"))
            #expect(crisis.text.contains("Calls from old friends") && crisis.text.contains("Give the card to Sam"))
        }
    }

    @Test("How the cycle works: the four parts, the typical curve, and the client's own once it can be fitted")
    func cycle() async throws {
        try await withBraidApp { app, fixture, _ in
            let k1 = try await PageSession.signIn(app, email: "k1@test.example")
            let before = try await k1.send(.GET, "cycle")
            #expect(before.status == .ok)
            for part in ["Surge", "Crash", "Chase", "Deepening"] { #expect(before.text.contains("<h2>\(part)</h2>")) }
            #expect(before.text.contains("Yours is not shown yet"))
            try await Self.seedHistory(app, fixture)
            let after = try await k1.send(.GET, "cycle")
            #expect(after.text.contains("Yours (from your check-ins): lowest"))
            #expect(after.text.contains("<title>You</title>"))
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            #expect((try await c1.send(.GET, "cycle")).headers.first(name: .location) == "/caseload")
        }
    }
}
