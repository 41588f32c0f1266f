import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The chart's outcomes of the latest episode (§9, issue 13). The fixture's today is Monday 2026-06-15.
@Suite("Outcomes on the chart: both tracks of the latest episode")
struct OutcomesAppTests {
    @Test("from the episode's first PHQ-9 to its latest, beside days in the program and the screens")
    func chart() async throws {
        try await withBraidApp { app, fixture, _ in
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let before = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(before.text.contains("No episode yet: outcomes count from admission."))
            let token = try #require(PageSession.csrf(in: before.text))
            _ = try await clinician.send(
                .POST, "clients/\(fixture.client1)/episodes",
                form: ["_csrf": token, "admittedOn": "2026-05-01", "level": "iop", "referralSource": "self"])
            for (date, answers) in [
                ("2026-04-25", "[3,3,3,3,3,3,3,3,0]"), ("2026-05-02", "[2,2,2,2,2,2,2,2,2]"),
                ("2026-06-10", "[1,1,1,1,1,1,1,1,0]"),
            ] {
                let saved = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                    body: #"{"instrument": "phq9", "date": "\#(date)", "answers": \#(answers)}"#)
                #expect(saved.status == .created)
            }
            _ = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/screens", token: fixture.token("c1"),
                body: #"{"date": "2026-06-12", "result": "negative"}"#)
            let chart = try await clinician.send(.GET, "clients/\(fixture.client1)")
            let section = try #require(
                chart.text.range(of: "id=\"outcomes\"").map { String(chart.text[$0.lowerBound...].prefix(6000)) })
            // 24 on 25 April was before admission: the baseline is 18 on 2 May, the latest 8 on 10 June.
            let row = try #require(
                section.range(of: "data-instrument=\"phq9\"").map { String(section[$0.lowerBound...].prefix(600)) })
            #expect(row.contains("<td>18</td><td>8</td><td>-10 (-55.6 %)</td><td>yes</td><td>no</td><td>improved</td>"))
            #expect(
                section.contains("data-outcome=\"retention\"><th scope=\"row\">Days in the program</th><td>46</td>"))
            #expect(section.contains("<td>1 of 1 screens</td>"))
            #expect(section.contains("<td>0 up, 0 down</td>"))
        }
    }
}
