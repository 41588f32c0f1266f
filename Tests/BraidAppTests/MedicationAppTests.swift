import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// Medications in the app (issue 12): the care team's list with adherence from the check-ins, edits, prescriber
/// notes for the whole team, the client's own view, and the plain facts on every view.
@Suite("Medications in the app: list, adherence, edits, prescriber notes, the client's view")
struct MedicationAppTests {
    static let sertraline = #"""
        {"name": "Sertraline", "dose": "50 mg", "route": "oral", "frequency": "once a day", "prescriber": "Dr. Okafor",
         "startDate": "2026-06-01", "reason": "depression"}
        """#

    @Test("add, change, note; adherence from medsTaken; others refused; every change audited")
    func api() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/clients/\(fixture.client1)/medications"
            let created = try await app.call(.POST, path, token: fixture.token("c1"), body: Self.sertraline)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            let bad = try await app.call(
                .POST, path, token: fixture.token("c1"),
                body:
                    #"{"name": "X", "dose": "1", "route": "iv", "frequency": "daily", "prescriber": "P", "startDate": "2026-06-01"}"#
            )
            #expect(bad.status == .unprocessableEntity && bad.errorField == "route")
            let changed = try await app.call(
                .PUT, "\(path)/\(id)", token: fixture.token("c1"),
                body: Self.sertraline.replacingOccurrences(of: "50 mg", with: "100 mg"))
            #expect(changed.status == .ok && changed.json["dose"] as? String == "100 mg")
            let missing = try await app.call(
                .PUT, "\(path)/\(UUID().uuidString)", token: fixture.token("c1"), body: Self.sertraline)
            #expect(missing.status == .notFound)
            let note = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/prescriber-notes", token: fixture.token("c1"),
                body: #"{"text": "Raised to 100 mg; watch for sleep problems in the first week."}"#)
            #expect(note.status == .created)
            // Check-ins: taken on 3 of the 4 days answered this week.
            for (date, taken) in [
                ("2026-06-12", true), ("2026-06-13", false), ("2026-06-14", true), ("2026-06-15", true),
            ] {
                let checkIn = try await app.call(
                    .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                    body:
                        #"{"date": "\#(date)", "mood": 5, "craving": 3, "sleepHours": 7, "used": false, "medsTaken": \#(taken)}"#
                )
                #expect(checkIn.status == .created)
            }
            let list = try await app.call(.GET, path, token: fixture.token("c1"))
            let week = try #require((list.json["adherence"] as? [String: Any])?["last7Days"] as? [String: Any])
            #expect(week["taken"] as? Int == 3 && week["answered"] as? Int == 4 && week["rate"] as? Double == 0.75)
            #expect((list.json["prescriberNotes"] as? [[String: Any]])?.first?["writtenByName"] as? String == "c1")
            #expect(
                ((list.json["facts"] as? [String: Any])?["noApprovedMedication"] as? String)?.contains("FDA") == true)

            let mine = try await app.call(.GET, "api/v1/me/medications", token: fixture.token("k1"))
            #expect((mine.json["medications"] as? [[String: Any]])?.count == 1 && mine.json["prescriberNotes"] == nil)
            #expect(try await app.call(.GET, path, token: fixture.token("c2")).status == .notFound)
            #expect(
                try await app.call(.POST, path, token: fixture.token("k1"), body: Self.sertraline).status != .created)
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            for action in ["medication.create", "medication.update", "prescriber-note.create", "medications.read"] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }

    @Test("the chart's forms add and change a medication and a note; a bad field shows by its input; My plan lists it")
    func pages() async throws {
        try await withBraidApp { app, fixture, _ in
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("No medication is FDA-approved for cocaine use disorder"))
            let csrf = try #require(PageSession.csrf(in: chart.text))
            var form = [
                "_csrf": csrf, "name": "Bupropion XL", "dose": "150 mg", "route": "oral", "frequency": "each morning",
                "prescriber": "Dr. Okafor", "startDate": "2026-06-20", "reason": "depression",
            ]
            let future = try await clinician.send(.POST, "clients/\(fixture.client1)/medications", form: form)
            #expect(future.status == .unprocessableEntity && future.text.contains("startDate-error"))
            form["startDate"] = "2026-06-10"
            let added = try await clinician.send(.POST, "clients/\(fixture.client1)/medications", form: form)
            #expect(added.status == .seeOther || added.status == .found)
            let medication = try #require(try await app.repository.medications(of: fixture.k1).first)
            form["medicationId"] = medication.id.uuidString.lowercased()
            form["stopDate"] = "2026-06-14"
            let stopped = try await clinician.send(.POST, "clients/\(fixture.client1)/medications", form: form)
            #expect(stopped.status == .seeOther || stopped.status == .found)
            #expect(try await app.repository.medications(of: fixture.k1).first?.stopDate?.description == "2026-06-14")
            let note = try await clinician.send(
                .POST, "clients/\(fixture.client1)/prescriber-notes", form: ["_csrf": csrf, "text": "Stopped: rash."])
            #expect(note.status == .seeOther || note.status == .found)
            let after = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(after.text.contains("Stopped: rash.") && after.text.contains("<caption>Stopped</caption>"))

            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let plan = try await client.send(.GET, "my-plan")
            #expect(plan.text.contains("My medications") && plan.text.contains("No medication on your list."))
            #expect(!plan.text.contains("Stopped: rash."))
            let today = try await client.send(.GET, "today")
            #expect(today.text.contains("name=\"medsTaken\""))
        }
    }
}
