import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// Contingency management in the app (§10): enrollment, screens that earn in their own transaction, missed days,
/// payouts, the program's terms, the chart and Today. The fixture's today is Monday 2026-06-15.
@Suite("Contingency management in the app: API, chart, Today, program terms")
struct ContingencyAppTests {
    static func screen(_ app: Application, _ fixture: Fixture, _ date: String, _ result: String = "negative")
        async throws -> APIResponse
    {
        try await app.call(
            .POST, "api/v1/clients/\(fixture.client1)/screens", token: fixture.token("c1"),
            body: #"{"date": "\#(date)", "result": "\#(result)"}"#)
    }

    static func contingency(_ app: Application, _ fixture: Fixture) async throws -> [String: Any] {
        let response = try await app.call(
            .GET, "api/v1/clients/\(fixture.client1)/contingency", token: fixture.token("c1"))
        #expect(response.status == .ok)
        return response.json
    }

    @Test("enroll, earn with each screen, a missed Friday, a late result, payouts up to the balance, the client's view")
    func ledgerThroughTheAPI() async throws {
        try await withBraidApp { app, fixture, _ in
            #expect(try await Self.contingency(app, fixture)["enrolled"] as? Bool == false)
            let path = "api/v1/clients/\(fixture.client1)/contingency"
            let tooEarly = try await app.call(
                .POST, "\(path)/enrollment", token: fixture.token("c1"), body: #"{"startDate": "2026-05-01"}"#)
            #expect(tooEarly.status == .unprocessableEntity && tooEarly.errorField == "startDate")
            let enrolled = try await app.call(
                .POST, "\(path)/enrollment", token: fixture.token("c1"), body: #"{"startDate": "2026-06-08"}"#)
            #expect(enrolled.status == .created && enrolled.json["enrolled"] as? Bool == true)
            let twice = try await app.call(.POST, "\(path)/enrollment", token: fixture.token("c1"), body: "{}")
            #expect(twice.status == .unprocessableEntity)

            let monday = try await Self.screen(app, fixture, "2026-06-08")
            #expect(monday.status == .created)
            #expect((monday.json["ledger"] as? [[String: Any]])?.map { $0["earned"] as? Double } == [2.5])
            let wednesday = try await Self.screen(app, fixture, "2026-06-10")
            #expect((wednesday.json["ledger"] as? [[String: Any]])?.first?["earned"] as? Double == 3.75)
            // Tuesday, after Wednesday: stored as a lab result, outside the ledger, and the answer says why.
            let tuesday = try await Self.screen(app, fixture, "2026-06-09")
            #expect(tuesday.status == .created && tuesday.json["ledger"] == nil)
            #expect((tuesday.json["ledgerNote"] as? String)?.contains("2026-06-10") == true)
            #expect(try await app.repository.screens(of: fixture.k1).count == 3)

            // Monday the 15th: Friday passed with no result, so it shows as missed before any sweep.
            let read = try await Self.contingency(app, fixture)
            let ledger = try #require(read["ledger"] as? [[String: Any]])
            #expect(ledger.map { $0["result"] as? String } == ["N", "N", "M"])
            let summary = try #require(read["summary"] as? [String: Any])
            #expect(summary["streak"] as? Int == 0 && summary["earned"] as? Double == 6.25)
            #expect(summary["nextScreen"] as? String == "2026-06-15")

            // Friday's result comes in late: the third in a row, 2.50 + 2 × 1.25 + the 10.00 bonus.
            let friday = try await Self.screen(app, fixture, "2026-06-12")
            #expect((friday.json["ledger"] as? [[String: Any]])?.map { $0["earned"] as? Double } == [15.0])

            for (body, field) in [
                (#"{"amount": 30}"#, "amount"), (#"{"amount": 1.005}"#, "amount"), (#"{"amount": 0}"#, "amount"),
                (#"{"amount": 5, "date": "2026-06-16"}"#, "date"), (#"{"amount": 5, "bonus": 1}"#, "bonus"),
            ] {
                let refused = try await app.call(.POST, "\(path)/payouts", token: fixture.token("c1"), body: body)
                #expect(refused.status == .unprocessableEntity && refused.errorField == field, "\(body)")
            }
            let paid = try await app.call(
                .POST, "\(path)/payouts", token: fixture.token("c1"), body: #"{"amount": 21.25, "note": "gift card"}"#)
            #expect(paid.status == .created)
            let after = try #require(paid.json["summary"] as? [String: Any])
            #expect(after["balance"] as? Double == 0 && after["paid"] as? Double == 21.25)
            #expect(
                (paid.json["payouts"] as? [[String: Any]])?.first?["paidBy"] as? String
                    == fixture.clinician1.description)

            let mine = try await app.call(.GET, "api/v1/me/contingency", token: fixture.token("k1"))
            #expect((mine.json["summary"] as? [String: Any])?["streak"] as? Int == 3)
            // Others: another clinician's client, the client's own hand, another program.
            #expect(try await app.call(.GET, path, token: fixture.token("c2")).status == .notFound)
            #expect(try await app.call(.GET, path, token: fixture.token("c3")).status == .notFound)
            let byClient = try await app.call(
                .POST, "\(path)/payouts", token: fixture.token("k1"), body: #"{"amount": 1}"#)
            #expect(byClient.status == .notFound || byClient.status == .forbidden)
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            for action in ["cm.enroll", "cm.payout", "cm.read", "screen.create"] {
                #expect(actions.contains(action), "\(action)")
            }
            let ended = try await app.call(
                .POST, "\(path)/end", token: fixture.token("c1"), body: #"{"endDate": "2026-06-15"}"#)
            #expect(ended.status == .ok && ended.json["enrolled"] as? Bool == false)
            #expect((ended.json["summary"] as? [String: Any])?["nextScreen"] == nil)
        }
    }

    @Test("the program's terms: saved with a reason, checked by field; an enrollment keeps the terms of its day")
    func programTerms() async throws {
        try await withBraidApp { app, fixture, _ in
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let page = try await admin.send(.GET, "admin/settings")
            #expect(page.status == .ok && page.text.contains("id=\"contingency-form\""))
            let csrf = try #require(PageSession.csrf(in: page.text))
            var form = [
                "_csrf": csrf, "cm-schedule": "prizes", "cm-day-tue": "on", "cm-day-thu": "on", "cm-start": "2.50",
                "cm-step": "1.25", "cm-bonus": "10.00", "cm-bonus-every": "3", "cm-max-draws": "8",
                "cm-cap": "600", "cm-bowl": "250,209,40,1", "cm-prize-values": "1.00,20.00,100.00",
                "reason": "",
            ]
            let noReason = try await admin.send(.POST, "admin/settings/contingency", form: form)
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("cmReason-error"))
            form["reason"] = "Moving to prize draws (budget)"
            form["cm-cap"] = "6000"
            let badCap = try await admin.send(.POST, "admin/settings/contingency", form: form)
            #expect(badCap.status == .unprocessableEntity && badCap.text.contains("cm-cap-error"))
            form["cm-cap"] = "600"
            let saved = try await admin.send(.POST, "admin/settings/contingency", form: form)
            #expect(saved.status == .seeOther || saved.status == .found)
            let history = try await app.repository.settingChanges(in: fixture.program).map(\.setting)
            #expect(Set(history) == ["cm-schedule", "cm-screening-days", "cm-max-draws", "cm-cap"])

            let enrolled = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/contingency/enrollment", token: fixture.token("c1"),
                body: "{}")
            let terms = try #require(enrolled.json["enrollment"] as? [String: Any])
            #expect(terms["schedule"] as? String == "prizes" && terms["screeningDays"] as? [String] == ["tue", "thu"])
            #expect(terms["cap"] as? Double == 600 && terms["maxDraws"] as? Int == 8)
            // A later change leaves the enrollment's terms alone.
            form["cm-schedule"] = "vouchers"
            _ = try await admin.send(.POST, "admin/settings/contingency", form: form)
            let read = try await Self.contingency(app, fixture)
            #expect((read["enrollment"] as? [String: Any])?["schedule"] as? String == "prizes")
            let screen = try await Self.screen(app, fixture, "2026-06-15")
            let line = try #require((screen.json["ledger"] as? [[String: Any]])?.first)
            #expect((line["draws"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("the chart: enroll, record a negative screen, a payout refused then recorded; Today shows the earning")
    func chartAndToday() async throws {
        try await withBraidApp { app, fixture, _ in
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("id=\"cm-enroll\""))
            let csrf = try #require(PageSession.csrf(in: chart.text))
            let enroll = try await clinician.send(
                .POST, "clients/\(fixture.client1)/contingency/enrollment",
                form: ["_csrf": csrf, "startDate": "2026-06-15"])
            #expect(enroll.status == .seeOther || enroll.status == .found)
            let screen = try await clinician.send(
                .POST, "clients/\(fixture.client1)/screens",
                form: ["_csrf": csrf, "result": "negative", "date": "2026-06-15"])
            #expect(screen.status == .seeOther || screen.status == .found)
            let refused = try await clinician.send(
                .POST, "clients/\(fixture.client1)/contingency/payouts", form: ["_csrf": csrf, "amount": "9"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("amount-error"))
            let paid = try await clinician.send(
                .POST, "clients/\(fixture.client1)/contingency/payouts", form: ["_csrf": csrf, "amount": "1.50"])
            #expect(paid.status == .seeOther || paid.status == .found)
            let after = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(after.text.contains("data-streak=\"1\"") && after.text.contains("data-balance=\"1.00\""))
            #expect(after.text.contains("class=\"cm-ledger\""))

            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let today = try await client.send(.GET, "today")
            #expect(today.text.contains("My rewards") && today.text.contains("data-earned=\"2.50\""))
            #expect(today.text.contains("Next screen: Wednesday 2026-06-17"))
        }
    }

    @Test("a discharge ends the enrollment: on the discharge date, or on a later last result; both audited")
    func dischargeEndsEnrollment() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/clients/\(fixture.client1)/contingency"
            _ = try await app.call(
                .POST, "\(path)/enrollment", token: fixture.token("c1"), body: #"{"startDate": "2026-06-01"}"#)
            #expect(try await Self.screen(app, fixture, "2026-06-11").status == .created)
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await clinician.send(.GET, "clients/\(fixture.client1)")
            let token = try #require(PageSession.csrf(in: chart.text))
            _ = try await clinician.send(
                .POST, "clients/\(fixture.client1)/episodes",
                form: ["_csrf": token, "admittedOn": "2026-05-01", "level": "iop", "referralSource": "self"])
            // Discharged on the 10th, a day before the last screen: the ledger ends with its last line.
            let discharged = try await clinician.send(
                .POST, "clients/\(fixture.client1)/discharge",
                form: ["_csrf": token, "dischargedOn": "2026-06-10", "reason": "completed"])
            #expect(discharged.status == .seeOther)
            let enrollment = try #require(try await app.repository.cmEnrollments(of: fixture.k1).last)
            #expect(enrollment.endedOn == CalendarDate(iso: "2026-06-11"))
            #expect((try await Self.contingency(app, fixture))["enrolled"] as? Bool == false)
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(actions.contains("episode.discharge") && actions.contains("cm.end"))
        }
    }

    @Test("the background pass writes each program's passed screening days once")
    func sweep() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/contingency/enrollment", token: fixture.token("c1"),
                body: #"{"startDate": "2026-06-08"}"#)
            // Monday 8th, Wednesday 10th and Friday 12th passed with no result.
            #expect(try await BackgroundWork.sweep(app, now: Fixture.now) == 3)
            #expect(try await BackgroundWork.sweep(app, now: Fixture.now) == 0)
            let stored = try #require(try await app.repository.contingency(of: fixture.k1))
            #expect(stored.lines.map(\.date.description) == ["2026-06-08", "2026-06-10", "2026-06-12"])
        }
    }
}
