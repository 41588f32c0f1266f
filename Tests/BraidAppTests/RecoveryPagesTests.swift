import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The recovery tools' pages (issue 14): the client's forms write through the same path as the API, bad answers
/// come back by their field, a diary card's suicide urge shows the crisis page; the care team's recovery page
/// and the group pages. The fixture's today is Monday 2026-06-15.
@Suite("Recovery pages: the client's forms, the care team's page, the group pages")
struct RecoveryPagesTests {
    @Test("a thought record from the starter library; a missing emotion comes back by its field and stores nothing")
    func thoughtRecordPage() async throws {
        try await withBraidApp { app, fixture, _ in
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let new = try await client.send(.GET, "thought-records/new?starter=never-happy")
            #expect(
                new.text.contains("I&apos;ll never be happy without cocaine.")
                    || new.text.contains("I'll never be happy without cocaine."))
            let token = try #require(PageSession.csrf(in: new.text))
            let bad = try await client.send(
                .POST, "thought-records",
                form: ["_csrf": token, "situation": "Payday", "automaticThought": "x", "before0": "80"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("id=\"emotion0-error\""))
            #expect(try await app.repository.recoveryItems(.thoughtRecord, of: fixture.k1).isEmpty)
            let saved = try await client.send(
                .POST, "thought-records",
                form: [
                    "_csrf": token, "situation": "Payday", "automaticThought": "I'll never be happy without cocaine",
                    "starterThought": "never-happy", "emotion0": "hopeless", "before0": "80", "after0": "45",
                    "trigger-money": "on", "ownTrigger": "my old street", "balancedThought": "Some days are good.",
                ])
            #expect(saved.status == .seeOther)
            let stored = try #require(
                try await app.repository.recoveryItems(.thoughtRecord, of: fixture.k1).first?.item.thoughtRecord)
            #expect(stored.emotionDrop == 35 && stored.triggers == ["money", "my old street"])
            let list = try await client.send(.GET, "thought-records?saved=1")
            #expect(list.text.contains("Money or payday") && list.text.contains("hopeless: 80 → 45"))
            // The team reads it on the recovery page, with the trend and the trigger.
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let page = try await clinician.send(.GET, "clients/\(fixture.client1)/recovery")
            #expect(
                page.status == .ok && page.text.contains("data-records=\"1\"")
                    && page.text.contains("Money or payday: 1 record"))
            #expect(
                try await PageSession.signIn(app, email: "c2@test.example").send(
                    .GET, "clients/\(fixture.client1)/recovery"
                ).status == .notFound)
        }
    }

    @Test("the diary card: a week's grid; a suicide urge shows the crisis page and opens one alert")
    func diaryCardPage() async throws {
        try await withBraidApp { app, fixture, _ in
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await client.send(.GET, "diary-card")
            #expect(page.text.contains("Week of Mon 15 Jun") && page.text.contains("name=\"2026-06-15.urge.use\""))
            #expect(!page.text.contains("name=\"2026-06-16.urge.use\""))
            let token = try #require(PageSession.csrf(in: page.text))
            let calm = try await client.send(
                .POST, "diary-card",
                form: [
                    "_csrf": token, "weekStart": "2026-06-15", "2026-06-15.urge.use": "4",
                    "2026-06-15.action.used": "false",
                    "2026-06-15.skill.urge-surfing": "on", "2026-06-15.skillsRating": "7",
                ])
            #expect(calm.status == .seeOther)
            let grid = try await client.send(.GET, "diary-card?week=2026-06-15&saved=1")
            #expect(grid.text.contains("Urge surfing") && grid.text.contains("Saved."))
            let urge = try await client.send(
                .POST, "diary-card",
                form: [
                    "_csrf": token, "weekStart": "2026-06-15", "2026-06-15.urge.use": "4",
                    "2026-06-15.urge.suicide": "3",
                ])
            #expect(
                urge.status == .ok && urge.text.contains("Help is here")
                    && urge.text.contains("Your diary card is saved"))
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).map(\.source) == [.diaryCard])
            let bad = try await client.send(
                .POST, "diary-card", form: ["_csrf": token, "weekStart": "2026-06-15", "2026-06-15.urge.use": "9"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("id=\"2026-06-15-urge-use-error\""))
        }
    }

    @Test("activities planned and rated on the page; support contacts and meetings; PAWS; the profile's language")
    func activitiesSupportPages() async throws {
        try await withBraidApp { app, fixture, _ in
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await client.send(.GET, "activities")
            let token = try #require(PageSession.csrf(in: page.text))
            let planned = try await client.send(
                .POST, "activities",
                form: [
                    "_csrf": token, "title": "Call my sister", "kind": "valued", "date": "2026-06-15",
                    "expectedEnjoyment": "3",
                ])
            #expect(planned.status == .seeOther)
            let id = try #require(try await app.repository.recoveryItems(.activity, of: fixture.k1).first?.id)
            let key = id.uuidString.lowercased()
            let missing = try await client.send(
                .POST, "activities/\(key)/rating", form: ["_csrf": token, "done-\(key)": "true"])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("id=\"enjoyment-\(key)-error\""))
            let rated = try await client.send(
                .POST, "activities/\(key)/rating",
                form: ["_csrf": token, "done-\(key)": "true", "enjoyment-\(key)": "7"])
            #expect(rated.status == .seeOther)
            #expect(try await client.send(.GET, "activities").text.contains("enjoyed 7 of 10"))

            let added = try await client.send(
                .POST, "support",
                form: ["_csrf": token, "name": "Maria", "role": "sponsor", "reach": "555-0100", "crisisContact": "on"])
            #expect(added.status == .seeOther)
            let noName = try await client.send(.POST, "support", form: ["_csrf": token, "name": " ", "role": "friend"])
            #expect(noName.status == .unprocessableEntity && noName.text.contains("id=\"name-error\""))
            _ = try await client.send(
                .POST, "support/meetings", form: ["_csrf": token, "fellowship": "cocaine-anonymous"])
            let support = try await client.send(.GET, "support")
            #expect(support.text.contains("href=\"tel:5550100\"") && support.text.contains("data-meetings-week=\"1\""))
            let contact = try #require(
                try await app.repository.recoveryItems(.supportContact, of: fixture.k1).first?.id)
            #expect(
                try await client.send(.POST, "support/\(contact.uuidString)/remove", form: ["_csrf": token]).status
                    == .seeOther)
            #expect(try await app.repository.recoveryItems(.supportContact, of: fixture.k1).isEmpty)

            let paws = try await client.send(.GET, "paws")
            #expect(paws.text.contains("weeks to months") || paws.text.contains("weeks to months"))
            #expect(paws.text.contains("no use"))
            let hub = try await client.send(.GET, "recovery")
            for path in ["/thought-records", "/diary-card", "/activities", "/paws", "/support", "/my-groups"] {
                #expect(hub.text.contains("href=\"\(path)\""), "\(path)")
            }
            // Staff are sent to their own pages.
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await clinician.send(.GET, "diary-card").status == .seeOther)
        }
    }

    @Test("groups: staff schedule one, the facilitator records the whole group, homework shows on Today and is done")
    func groupPages() async throws {
        try await withBraidApp { app, fixture, _ in
            let staff = try await PageSession.signIn(app, email: "c1@test.example")
            let list = try await staff.send(.GET, "groups")
            let token = try #require(PageSession.csrf(in: list.text))
            let noDay = try await staff.send(
                .POST, "groups",
                form: [
                    "_csrf": token, "name": "Skills", "modality": "dbt-skills", "startTime": "10:00",
                    "durationMinutes": "90",
                    "facilitator": fixture.clinician1.description,
                ])
            #expect(noDay.status == .unprocessableEntity && noDay.text.contains("id=\"weekdays-error\""))
            let created = try await staff.send(
                .POST, "groups",
                form: [
                    "_csrf": token, "name": "Skills", "modality": "dbt-skills", "startTime": "10:00",
                    "durationMinutes": "90",
                    "facilitator": fixture.clinician1.description, "day-1": "on", "day-3": "on",
                    "member-\(fixture.client1)": "on", "member-\(fixture.client2)": "on",
                ])
            #expect(created.status == .seeOther)
            let group = try #require(try await app.repository.groups(in: fixture.program).first)
            let page = try await staff.send(.GET, "groups/\(group.id.uuidString.lowercased())")
            #expect(
                page.text.contains("Attendance for 2026-06-15")
                    && page.text.contains("name=\"status-\(fixture.client1)\""))
            let partial = try await staff.send(
                .POST, "groups/\(group.id.uuidString.lowercased())/attendance",
                form: ["_csrf": token, "date": "2026-06-15", "status-\(fixture.client1)": "present"])
            // The member without a status is named by their own input.
            #expect(
                partial.status == .unprocessableEntity
                    && partial.text.contains("id=\"status-\(fixture.client2)-error\""))
            let recorded = try await staff.send(
                .POST, "groups/\(group.id.uuidString.lowercased())/attendance",
                form: [
                    "_csrf": token, "date": "2026-06-15", "status-\(fixture.client1)": "present",
                    "note-\(fixture.client1)": "Shared a plan", "status-\(fixture.client2)": "late",
                ])
            #expect(recorded.status == .seeOther)
            #expect(try await app.repository.attendance(of: fixture.k1).first?.entry.note == "Shared a plan")
            let homework = try await staff.send(
                .POST, "groups/\(group.id.uuidString.lowercased())/homework",
                form: ["_csrf": token, "homeworkTitle": "Practice TIPP once", "dueOn": "2026-06-17"])
            #expect(homework.status == .seeOther)

            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let today = try await client.send(.GET, "today")
            #expect(today.text.contains("Practice TIPP once") && today.text.contains("Mark done"))
            let homeworkID = try #require(
                try await app.repository.homework(of: [group], program: fixture.program).first?.homework.id)
            let clientToken = try #require(PageSession.csrf(in: today.text))
            let done = try await client.send(
                .POST, "homework/\(homeworkID.uuidString.lowercased())/done",
                form: ["_csrf": clientToken, "from": "today"])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/today?saved=1")
            #expect(!(try await client.send(.GET, "today")).text.contains("Practice TIPP once"))
            let mine = try await client.send(.GET, "my-groups")
            #expect(mine.text.contains("Done ✓") && mine.text.contains("You came to 1 of 1 sessions recorded."))
            #expect(!mine.text.contains("Shared a plan"))
            // Another clinician sees the group but not its notes; a client has no group pages.
            let other = try await PageSession.signIn(app, email: "c2@test.example")
            let seen = try await other.send(.GET, "groups/\(group.id.uuidString.lowercased())")
            #expect(
                seen.status == .ok && !seen.text.contains("Shared a plan") && !seen.text.contains("Save attendance"))
            #expect(try await client.send(.GET, "groups").status == .seeOther)
        }
    }
}
