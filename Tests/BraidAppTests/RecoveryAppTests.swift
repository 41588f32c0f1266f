import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The recovery tools over the API (issue 14): the client writes them under `/me`, the care team reads them
/// with their analyses under `/clients/{id}`; a diary card's suicide urge goes through the one write path. The
/// fixture's today is Monday 2026-06-15.
@Suite("Recovery tools in the app: written by the client, read by the team, diary-card safety signals")
struct RecoveryAppTests {
    static func post(_ app: Application, _ fixture: Fixture, _ path: String, _ body: String, as who: String = "k1")
        async throws -> APIResponse
    {
        try await app.call(.POST, "api/v1/me/\(path)", token: fixture.token(who), body: body)
    }

    @Test("thought records: written by the client, read with trends by the team; others refused; audited")
    func thoughtRecords() async throws {
        try await withBraidApp { app, fixture, _ in
            let body =
                #"{"situation": "Payday", "automaticThought": "I'll never be happy without cocaine", "#
                + #""starterThought": "never-happy", "emotions": [{"emotion": "hopeless", "before": 90, "after": 50}], "#
                + #""triggers": ["money", "alone"]}"#
            let created = try await Self.post(app, fixture, "thought-records", body)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["emotionDrop"] as? Double == 40 && created.json["date"] as? String == "2026-06-15")
            let second = try await Self.post(
                app, fixture, "thought-records",
                #"{"date": "2026-06-14", "situation": "s", "automaticThought": "t", "emotions": [{"emotion": "sad", "before": 60, "after": 40}], "triggers": ["money"]}"#
            )
            #expect(second.status == .created)
            let read = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/thought-records", token: fixture.token("c1"))
            #expect((read.json["records"] as? [[String: Any]])?.count == 2)
            let trends = try #require(read.json["trends"] as? [String: Any])
            #expect(trends["meanDrop"] as? Double == 30)
            #expect((trends["triggers"] as? [[String: Any]])?.first?["trigger"] as? String == "money")
            #expect((trends["triggers"] as? [[String: Any]])?.first?["records"] as? Int == 2)
            // The care team reads; it does not write the client's records; another team sees nothing.
            let byClinician = try await app.call(
                .POST, "api/v1/me/thought-records", token: fixture.token("c1"), body: body)
            #expect(byClinician.status == .notFound)
            #expect(
                try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)/thought-records", token: fixture.token("c2")
                )
                .status == .notFound)
            let bad = try await Self.post(
                app, fixture, "thought-records", #"{"situation": "s", "automaticThought": "t"}"#)
            #expect(bad.status == .unprocessableEntity && bad.errorField == "emotions")
            let events = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(
                events.filter { $0 == "thought-record.create" }.count == 2 && events.contains("thought-record.read"))
        }
    }

    @Test("a diary card's suicide urge opens one alert with crisis resources; the same card again opens none")
    func diaryCardSafety() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/me/diary-cards/2026-06-15"
            let calm =
                #"{"days": [{"date": "2026-06-15", "urges": {"use": 4}, "actions": {"used": false}, "skillsUsed": ["tipp"]}]}"#
            let first = try await app.call(.PUT, path, token: fixture.token("k1"), body: calm)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["safetyAlert"] == nil)
            let urge =
                #"{"days": [{"date": "2026-06-15", "urges": {"use": 4, "suicide": 2}, "actions": {"used": false}, "#
                + #""skillsUsed": ["tipp"]}]}"#
            let risky = try await app.call(.PUT, path, token: fixture.token("k1"), body: urge)
            #expect(risky.status == .ok && risky.json["id"] as? String == first.json["id"] as? String)
            let alert = try #require(risky.json["safetyAlert"] as? [String: Any])
            #expect(alert["source"] as? String == "diary-card")
            #expect((risky.json["crisisResources"] as? [String: Any])?["lifeline"] != nil)
            let again = try await app.call(.PUT, path, token: fixture.token("k1"), body: urge)
            #expect(again.status == .ok && again.json["safetyAlert"] == nil)
            let alerts = try await app.repository.alerts(of: [fixture.k1], openOnly: true)
            #expect(alerts.count == 1 && alerts.first?.source == .diaryCard)
            // The team reads the analysis; one card for the week.
            let read = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/diary-cards", token: fixture.token("c1"))
            #expect((read.json["cards"] as? [Any])?.count == 1)
            let analysis = try #require(read.json["analysis"] as? [String: Any])
            #expect(analysis["highUrgeDaysWithoutUse"] as? Int == 1 && analysis["suicideUrgeDays"] as? Int == 1)
            #expect(((analysis["skillsWhenUrgeRiddenOut"] as? [[String: Any]])?.first)?["skill"] as? String == "tipp")
            // Refusals name the field and write nothing.
            let wrongWeek = try await app.call(
                .PUT, path, token: fixture.token("k1"), body: #"{"weekStart": "2026-06-08", "days": []}"#)
            #expect(wrongWeek.status == .unprocessableEntity && wrongWeek.errorField == "weekStart")
            let badDate = try await app.call(.PUT, "api/v1/me/diary-cards/june", token: fixture.token("k1"), body: "{}")
            #expect(badDate.status == .unprocessableEntity && badDate.errorField == "weekStart")
            let outOfRange = try await app.call(
                .PUT, path, token: fixture.token("k1"),
                body: #"{"days": [{"date": "2026-06-15", "urges": {"suicide": 9}}]}"#)
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.errorField == "days[0].urges.suicide")
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).count == 1)
        }
    }

    @Test("activities are planned and rated; the trend puts enjoyment beside mood; support and meetings; PAWS")
    func activitiesSupportPAWS() async throws {
        try await withBraidApp { app, fixture, _ in
            let planned = try await Self.post(
                app, fixture, "activities",
                #"{"title": "Walk by the river", "kind": "enjoyable", "expectedEnjoyment": 2}"#)
            #expect(planned.status == .created, "\(planned.text)")
            let id = try #require(planned.json["id"] as? String)
            let rated = try await Self.post(app, fixture, "activities/\(id)/rating", #"{"done": true, "enjoyment": 6}"#)
            #expect(rated.status == .ok && rated.json["enjoyment"] as? Int == 6 && rated.json["updatedAt"] != nil)
            let missing = try await Self.post(app, fixture, "activities/\(id)/rating", #"{"done": true}"#)
            #expect(missing.status == .unprocessableEntity && missing.errorField == "enjoyment")
            let unknown = try await Self.post(
                app, fixture, "activities/\(UUID().uuidString)/rating", #"{"done": false}"#)
            #expect(unknown.status == .notFound)
            let list = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/activities", token: fixture.token("c1"))
            let week = try #require((list.json["trend"] as? [[String: Any]])?.last)
            #expect(week["weekEnding"] as? String == "2026-06-15" && week["activityEnjoyment"] as? Double == 6)
            #expect(week["expectedEnjoyment"] as? Double == 2)

            let contact = try await Self.post(
                app, fixture, "support-contacts",
                #"{"name": "Maria", "role": "sponsor", "reach": "555-0100", "crisisContact": true}"#)
            #expect(contact.status == .created)
            let contactID = try #require(contact.json["id"] as? String)
            let changed = try await app.call(
                .PUT, "api/v1/me/support-contacts/\(contactID)", token: fixture.token("k1"),
                body: #"{"name": "Maria G.", "role": "sponsor"}"#)
            #expect(
                changed.status == .ok && changed.json["name"] as? String == "Maria G."
                    && changed.json["crisisContact"] as? Bool == false)
            let meeting = try await Self.post(app, fixture, "meetings", #"{"fellowship": "cocaine-anonymous"}"#)
            #expect(meeting.status == .created)
            let support = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/support", token: fixture.token("c1"))
            #expect((support.json["contacts"] as? [Any])?.count == 1 && support.json["meetingsLast7Days"] as? Int == 1)
            let removed = try await app.call(
                .DELETE, "api/v1/me/support-contacts/\(contactID)", token: fixture.token("k1"))
            #expect(removed.status == .noContent)
            let gone = try await app.call(.GET, "api/v1/me/support", token: fixture.token("k1"))
            #expect((gone.json["contacts"] as? [Any])?.isEmpty == true)
            let events = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(events.contains("support-contact.remove") && events.contains("activity.update"))

            // PAWS from stored check-ins: use on the 10th, then five days without.
            for day in 10...15 {
                let used = day == 10
                let checkIn = try await app.call(
                    .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                    body:
                        #"{"date": "2026-06-\#(day)", "mood": \#(used ? 2 : 5), "craving": 3, "sleepHours": 6, "used": \#(used), "irritability": 4}"#
                )
                #expect(checkIn.status == .created, "\(checkIn.text)")
            }
            let paws = try await app.call(.GET, "api/v1/me/paws", token: fixture.token("k1"))
            #expect(paws.json["lastUse"] as? String == "2026-06-10" && paws.json["daysSinceLastUse"] as? Int == 5)
            let weeks = try #require(paws.json["weeks"] as? [[String: Any]])
            #expect(weeks.count == 1 && weeks[0]["days"] as? Int == 5 && weeks[0]["mood"] as? Double == 5)
            #expect((paws.json["timeline"] as? String)?.contains("weeks to months") == true)
            #expect(try await app.call(.GET, "api/v1/me/paws", token: fixture.token("c1")).status == .notFound)
        }
    }

    @Test("groups: scheduled by staff, attendance for the whole group by its facilitator, homework done by members")
    func groupProgram() async throws {
        try await withBraidApp { app, fixture, _ in
            let body =
                #"{"name": "Relapse prevention", "modality": "relapse-prevention", "weekdays": [1, 3], "#
                + #""startTime": "10:00", "durationMinutes": 90, "facilitator": "\#(fixture.clinician1)", "#
                + #""members": ["\#(fixture.client1)", "\#(fixture.client2)"]}"#
            let created = try await app.call(.POST, "api/v1/groups", token: fixture.token("c1"), body: body)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["nextMeeting"] as? String == "2026-06-15" && created.json["memberCount"] as? Int == 2)
            // A client cannot schedule; another program's facilitator is refused by name.
            #expect(
                try await app.call(.POST, "api/v1/groups", token: fixture.token("k1"), body: body).status == .forbidden)
            let foreign = try await app.call(
                .POST, "api/v1/groups", token: fixture.token("c1"),
                body: body.replacingOccurrences(of: fixture.clinician1.description, with: UUID().uuidString))
            #expect(foreign.status == .unprocessableEntity && foreign.errorField == "facilitator")

            // The whole group on one screen: every member needs a status.
            let partial = try await app.call(
                .POST, "api/v1/groups/\(id)/attendance", token: fixture.token("c1"),
                body: #"{"attendance": [{"clientId": "\#(fixture.client1)", "status": "present"}]}"#)
            #expect(partial.status == .unprocessableEntity && partial.errorField == "attendance")
            let attendance =
                #"{"attendance": [{"clientId": "\#(fixture.client1)", "status": "present", "note": "Shared a plan"}, "#
                + #"{"clientId": "\#(fixture.client2)", "status": "absent"}]}"#
            let byOther = try await app.call(
                .POST, "api/v1/groups/\(id)/attendance", token: fixture.token("c2"), body: attendance)
            #expect(byOther.status == .forbidden)
            let recorded = try await app.call(
                .POST, "api/v1/groups/\(id)/attendance", token: fixture.token("c1"), body: attendance)
            #expect(recorded.status == .ok, "\(recorded.text)")
            #expect((recorded.json["sessions"] as? [[String: Any]])?.first?["date"] as? String == "2026-06-15")
            // Recording the day again replaces it.
            _ = try await app.call(
                .POST, "api/v1/groups/\(id)/attendance", token: fixture.token("c1"),
                body: attendance.replacingOccurrences(of: "absent", with: "excused"))
            let group = try await app.call(.GET, "api/v1/groups/\(id)", token: fixture.token("c1"))
            let sessions = try #require(group.json["sessions"] as? [[String: Any]])
            #expect(sessions.count == 1 && (sessions[0]["attendance"] as? [[String: Any]])?.count == 2)

            let homework = try await app.call(
                .POST, "api/v1/groups/\(id)/homework", token: fixture.token("c1"),
                body: #"{"title": "Write three high-risk situations", "dueOn": "2026-06-17"}"#)
            #expect(homework.status == .created)
            let homeworkID = try #require(homework.json["id"] as? String)
            let mine = try await app.call(.GET, "api/v1/me/groups", token: fixture.token("k1"))
            #expect((mine.json["homework"] as? [[String: Any]])?.first?["done"] as? Bool == false)
            // The client's own view has no facilitator's notes.
            #expect((mine.json["attendance"] as? [[String: Any]])?.first?["note"] == nil)
            #expect((mine.json["summary"] as? [String: Any])?["rate"] as? Double == 1)
            let done = try await app.call(.POST, "api/v1/me/homework/\(homeworkID)/done", token: fixture.token("k1"))
            #expect(done.status == .ok && (done.json["homework"] as? [[String: Any]])?.first?["done"] as? Bool == true)
            #expect(
                try await app.call(.POST, "api/v1/me/homework/\(homeworkID)/done", token: fixture.token("k3")).status
                    == .notFound)
            // The care team reads the notes on the client's record; another clinician's caseload does not have k1.
            let chart = try await app.call(.GET, "api/v1/clients/\(fixture.client1)/groups", token: fixture.token("c1"))
            #expect((chart.json["attendance"] as? [[String: Any]])?.first?["note"] as? String == "Shared a plan")
            #expect(
                try await app.call(.GET, "api/v1/clients/\(fixture.client1)/groups", token: fixture.token("c2")).status
                    == .notFound)
            let events = try await app.repository.auditEvents(client: fixture.client2).map(\.action)
            #expect(events.contains("group.join") && events.filter { $0 == "group-attendance.save" }.count == 2)
        }
    }
}
