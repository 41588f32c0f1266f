import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("Safety: alerts in the same transaction, crisis resources, acknowledgement")
struct SafetyTests {
    @Test("a check-in with safety yes opens an alert and the response shows crisis resources with the program line")
    func checkInSafety() async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            #expect(response.status == .created)
            let alert = try #require(response.json["safetyAlert"] as? [String: Any])
            #expect(alert["source"] as? String == "check-in-safety")
            #expect(alert["severity"] as? String == "urgent")
            let crisis = try #require(response.json["crisisResources"] as? [String: Any])
            #expect(crisis["lifeline"] as? String == "988")
            #expect(crisis["emergency"] as? String == "911")
            #expect(crisis["programLine"] as? String == Fixture.crisisLine)
            let stored = try await app.repository.alerts(of: [fixture.k1], openOnly: true)
            #expect(stored.count == 1)
            #expect(stored.first?.sourceID.uuidString.lowercased() == response.json["id"] as? String)
        }
    }

    @Test("safety no or absent opens nothing")
    func noSignal() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": false}"#)
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: false).isEmpty)
        }
    }

    @Test(
        "instrument signals: PHQ-9 item 9, ASQ, C-SSRS",
        arguments: [
            (#"{"instrument": "phq9", "answers": [0,0,0,0,0,0,0,0,1]}"#, "phq9-item9", "urgent"),
            (#"{"instrument": "asq", "answers": [1,0,0,0,0]}"#, "asq", "urgent"),
            (#"{"instrument": "asq", "answers": [1,1,1,0,1]}"#, "asq", "emergency"),
            (#"{"instrument": "cssrs", "answers": [1,1,0,1,0,0,null]}"#, "cssrs", "emergency"),
            (#"{"instrument": "cssrs", "answers": [1,0,null,null,null,0,null]}"#, "cssrs", "urgent"),
        ])
    func instrumentSignals(body: String, source: String, severity: String) async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"), body: body)
            #expect(response.status == .created)
            let alert = try #require(response.json["safetyAlert"] as? [String: Any])
            #expect(alert["source"] as? String == source)
            #expect(alert["severity"] as? String == severity)
            #expect(alert["emergency"] as? Bool == (severity == "emergency"))
            #expect((response.json["crisisResources"] as? [String: Any])?["lifeline"] as? String == "988")
        }
    }

    @Test("no signal: PHQ-9 item 9 = 0, C-SSRS none, ASQ negative")
    func instrumentsWithoutSignal() async throws {
        try await withBraidApp { app, fixture, _ in
            for body in [
                #"{"instrument": "phq9", "answers": [3,3,3,3,3,3,3,3,0]}"#,
                #"{"instrument": "cssrs", "answers": [0,0,null,null,null,0,null]}"#,
                #"{"instrument": "asq", "answers": [0,0,0,0,null]}"#,
            ] {
                let response = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"), body: body)
                #expect(response.status == .created)
                #expect(response.json["safetyAlert"] == nil)
            }
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: false).isEmpty)
        }
    }

    @Test("alerts stay open until acknowledged with a note; only the care team sees and acknowledges them")
    func acknowledge() async throws {
        try await withBraidApp { app, fixture, _ in
            let created = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let alertID = try #require((created.json["safetyAlert"] as? [String: Any])?["id"] as? String)
            let listed = try await app.call(.GET, "api/v1/alerts", token: fixture.token("c1"))
            #expect((listed.json["alerts"] as? [[String: Any]])?.map { $0["id"] as? String } == [alertID])
            #expect(
                (try await app.call(.GET, "api/v1/alerts", token: fixture.token("c2")).json["alerts"] as? [Any])?
                    .isEmpty == true)
            let path = "api/v1/alerts/\(alertID)/acknowledge"
            #expect(
                try await app.call(.POST, path, token: fixture.token("c2"), body: #"{"note": "x"}"#).status == .notFound
            )
            #expect(
                try await app.call(.POST, path, token: fixture.token("k1"), body: #"{"note": "x"}"#).status == .notFound
            )
            #expect(
                try await app.call(.POST, path, token: fixture.token("admin"), body: #"{"note": "x"}"#).status
                    == .notFound)
            let noNote = try await app.call(.POST, path, token: fixture.token("c1"), body: #"{"note": "   "}"#)
            #expect(noNote.status == .unprocessableEntity)
            #expect(noNote.errorField == "note")
            #expect(try await app.call(.POST, path, token: fixture.token("c1"), body: "{}").errorField == "note")
            let done = try await app.call(
                .POST, path, token: fixture.token("c1"), body: #"{"note": "Called; safe; safety plan reviewed."}"#)
            #expect(done.status == .ok)
            #expect(done.json["acknowledgementNote"] as? String == "Called; safe; safety plan reviewed.")
            #expect(done.json["acknowledgedAt"] as? String == "2026-06-15T12:00:00Z")
            let again = try await app.call(.POST, path, token: fixture.token("c1"), body: #"{"note": "again"}"#)
            #expect(again.status == .conflict)
            #expect(
                (try await app.call(.GET, "api/v1/alerts", token: fixture.token("c1")).json["alerts"] as? [Any])?
                    .isEmpty == true)
            let all = try await app.call(.GET, "api/v1/alerts?status=all", token: fixture.token("c1"))
            #expect((all.json["alerts"] as? [Any])?.count == 1)
            #expect(
                try await app.call(.GET, "api/v1/alerts?status=closed", token: fixture.token("c1")).status
                    == .badRequest)
        }
    }

    @Test("the caseload's PHQ-9 severity follows the program's configured bands, not the defaults")
    func configuredBands() async throws {
        try await withBraidApp { app, fixture, _ in
            var configuration = app.braid
            configuration.clinical.scoring.phq9Bands = SeverityBands([
                .init(from: 0, .minimal), .init(from: 8, .moderate),
            ])
            app.braid = configuration
            _ = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "phq9", "answers": [1,1,1,1,1,1,1,1,0]}"#)
            let caseload = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
            let latest = (caseload.json["clients"] as? [[String: Any]])?.first?["latestPHQ9"] as? [String: Any]
            #expect(latest?["total"] as? Int == 8)
            #expect(latest?["severity"] as? String == "moderate")
        }
    }

    @Test("an open alert puts its client first in the caseload")
    func alertFirst() async throws {
        try await withBraidApp { app, fixture, _ in
            // Give C1 a second client, named to sort first, without alerts.
            try await app.repository.assign(
                fixture.clinician1, to: fixture.client2, in: fixture.program, now: Fixture.now)
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let caseload = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
            let clients = try #require(caseload.json["clients"] as? [[String: Any]])
            #expect(clients.map { $0["name"] as? String } == ["k1", "k2"])
            #expect((clients[0]["openAlerts"] as? [Any])?.count == 1)
            #expect((clients[0]["flags"] as? [[String: Any]])?.first?["id"] as? String == "safety")
        }
    }
}
