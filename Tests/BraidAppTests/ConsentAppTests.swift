import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// 42 CFR Part 2 over the API and the pages (issue 13 §5): consents with every element, revocation, the consent
/// gate on every disclosure (each refusal writes nothing out), the accounting the client reads, and SUD
/// counseling notes kept apart with their own consent. The fixture's today is 2026-06-15.
@Suite("Part 2 consent: recorded, revoked, and the gate on every disclosure outside the program")
struct ConsentAppTests {
    static let consent =
        #"{"recipient": "Riverside Community Health", "purpose": "treatment", "scope": "record", "#
        + #""expiresOn": "2027-06-14", "rightToRevokeExplained": true, "signature": "K One", "signedOn": "2026-06-15"}"#

    static func record(_ app: Application, _ fixture: Fixture, _ body: String = consent) async throws -> String {
        let response = try await app.call(
            .POST, "api/v1/clients/\(fixture.client1)/consents", token: fixture.token("c1"), body: body)
        #expect(response.status == .created, "\(response.text)")
        return try #require(response.json["id"] as? String)
    }

    static func disclose(_ app: Application, _ fixture: Fixture, _ body: String) async throws -> APIResponse {
        try await app.call(
            .POST, "api/v1/clients/\(fixture.client1)/disclosures", token: fixture.token("c1"), body: body)
    }

    static func resourceTypes(_ bundle: [String: Any]?) -> [String] {
        (bundle?["entry"] as? [[String: Any]] ?? []).compactMap {
            ($0["resource"] as? [String: Any])?["resourceType"] as? String
        }
    }

    @Test("the care team records a consent with every element; the client and the team read it; bad ones are named")
    func recordAndRead() async throws {
        try await withBraidApp { app, fixture, _ in
            let id = try await Self.record(app, fixture)
            let list = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/consents", token: fixture.token("c1"))
            let consent = try #require((list.json["consents"] as? [[String: Any]])?.first)
            #expect(consent["id"] as? String == id && consent["status"] as? String == "active")
            #expect(
                consent["discloser"] as? String == "Test program"
                    && consent["recipient"] as? String == "Riverside Community Health")
            #expect(consent["signature"] as? String == "K One" && consent["rightToRevokeExplained"] as? Bool == true)
            let mine = try await app.call(.GET, "api/v1/me/consents", token: fixture.token("k1"))
            #expect((mine.json["consents"] as? [[String: Any]])?.count == 1)
            #expect(
                try await app.repository.auditEvents(client: fixture.client1).contains { $0.action == "consent.create" }
            )
            // Not the client's own to record, not another team's to see.
            let byClient = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/consents", token: fixture.token("k1"), body: Self.consent)
            #expect(byClient.status == .forbidden)
            for token in ["c2", "c3"] {
                let other = try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)/consents", token: fixture.token(token))
                #expect(other.status == .notFound, "\(token)")
            }
            let cases = [
                ("\"signedOn\": \"2026-06-15\"", "\"signedOn\": \"2026-06-16\"", "signedOn"),
                ("\"rightToRevokeExplained\": true", "\"rightToRevokeExplained\": false", "rightToRevokeExplained"),
                ("\"purpose\": \"treatment\"", "\"purpose\": \"marketing\"", "purpose"),
                ("\"expiresOn\": \"2027-06-14\"", "\"expiresOn\": \"2026-06-15\"", "expiresOn"),
            ]
            for (from, to, field) in cases {
                let bad = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/consents", token: fixture.token("c1"),
                    body: Self.consent.replacingOccurrences(of: from, with: to))
                #expect(bad.status == .unprocessableEntity && bad.errorField == field, "\(field)")
            }
            #expect(try await app.repository.consents(of: fixture.k1).count == 1)
        }
    }

    @Test("a disclosure under a matching consent carries the Bundle, the 2.32 notice and the scope, and is accounted")
    func disclosure() async throws {
        try await withBraidApp { app, fixture, _ in
            let id = try await Self.record(app, fixture)
            let response = try await Self.disclose(
                app, fixture, #"{"recipient": "riverside community  health", "purpose": "treatment"}"#)
            #expect(response.status == .created)
            #expect(response.json["notice"] as? String == ConsentGate.notice)
            #expect(
                (response.json["scopeStatement"] as? String)?.contains("to Riverside Community Health for treatment")
                    == true)
            let bundle = response.json["bundle"] as? [String: Any]
            #expect(Self.resourceTypes(bundle) == ["Patient", "Consent"])
            let consent = (bundle?["entry"] as? [[String: Any]])?.last?["resource"] as? [String: Any]
            #expect(consent?["id"] as? String == id && consent?["status"] as? String == "active")
            #expect((consent?["policy"] as? [[String: Any]])?.first?["uri"] as? String == FHIRExport.part2Policy)
            let line = try #require(try await app.repository.disclosures(of: fixture.k1).first)
            #expect(line.consentID.uuidString.lowercased() == id && line.recipient == "Riverside Community Health")
            #expect(line.resources == 2 && line.disclosedBy == fixture.clinician1)
            #expect(
                try await app.repository.auditEvents(client: fixture.client1).contains {
                    $0.action == "disclosure.create"
                })
            // The client reads the accounting, on the API and on the phone.
            let mine = try await app.call(.GET, "api/v1/me/consents", token: fixture.token("k1"))
            #expect(
                (mine.json["disclosures"] as? [[String: Any]])?.first?["recipient"] as? String
                    == "Riverside Community Health")
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await client.send(.GET, "my-consents")
            #expect(page.status == .ok && page.text.contains("When my record left the program"))
            #expect(
                page.text.contains("<td>Riverside Community Health</td>")
                    && page.text.contains("Take back this consent"))
            // The care team's own export inside the program needs no consent and lists every consent.
            let export = try await app.call(.GET, "api/v1/clients/\(fixture.client1)/fhir", token: fixture.token("c1"))
            #expect(Self.resourceTypes(export.json).contains("Consent"))
        }
    }

    @Test(
        "every refusal (no consent, wrong recipient, wrong purpose, expired, revoked) is named and writes nothing out")
    func refusals() async throws {
        try await withBraidApp { app, fixture, _ in
            func refused(_ body: String, field: String, saying text: String) async throws {
                let response = try await Self.disclose(app, fixture, body)
                #expect(response.status == .unprocessableEntity, "\(body)")
                #expect(
                    response.errorField == field && response.error["code"] as? String == "consent-refused", "\(body)")
                #expect((response.error["message"] as? String)?.contains(text) == true, "\(response.text)")
                #expect(response.json["bundle"] == nil)
                #expect(try await app.repository.disclosures(of: fixture.k1).isEmpty)
            }
            let riverside = #"{"recipient": "Riverside Community Health", "purpose": "treatment"}"#
            try await refused(riverside, field: "scope", saying: "no consent to disclose their record")
            // A consent that ran out yesterday permits nothing.
            try await app.repository.addConsent(
                Part2Consent(
                    id: UUID(), clientID: fixture.client1, discloser: "Test program",
                    terms: ConsentTerms(
                        recipient: "Riverside Community Health", purpose: .treatment, scope: .record,
                        expiresOn: CalendarDate(iso: "2026-06-14")!, signature: "K One",
                        signedOn: CalendarDate(iso: "2025-06-15")!),
                    recordedAt: app.clock().addingTimeInterval(-365 * 86_400), recordedBy: fixture.clinician1),
                client: fixture.k1)
            try await refused(riverside, field: "recipient", saying: "expired on 2026-06-14")
            let id = try await Self.record(app, fixture)
            try await refused(
                #"{"recipient": "Northside Hospital", "purpose": "treatment"}"#, field: "recipient",
                saying: "no consent of the client names Northside Hospital")
            try await refused(
                #"{"recipient": "Riverside Community Health", "purpose": "payment"}"#, field: "purpose",
                saying: "does not cover the purpose payment")
            try await refused(
                #"{"recipient": "Riverside Community Health", "purpose": "treatment", "scope": "counseling-notes"}"#,
                field: "scope", saying: "consent of their own")
            // Revoked by the client on the phone: refused from then on.
            let revoked = try await app.call(.POST, "api/v1/me/consents/\(id)/revoke", token: fixture.token("k1"))
            #expect(revoked.status == .ok && revoked.json["status"] as? String == "revoked")
            let again = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/consents/\(id)/revoke", token: fixture.token("c1"))
            #expect(again.status == .conflict)
            try await refused(riverside, field: "recipient", saying: "revoked their consent")
            let bad = try await Self.disclose(app, fixture, #"{"recipient": "Riverside", "purpose": "sale"}"#)
            #expect(bad.status == .unprocessableEntity && bad.errorField == "purpose")
            #expect(
                try await app.repository.auditEvents(client: fixture.client1).filter {
                    $0.action == "disclosure.refuse"
                }.count == 6)
            // Only the care team discloses; another client cannot revoke k1's consent.
            let byClient = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/disclosures", token: fixture.token("k1"), body: riverside)
            #expect(byClient.status == .notFound)
            let otherClient = try await app.call(.POST, "api/v1/me/consents/\(id)/revoke", token: fixture.token("k2"))
            #expect(otherClient.status == .notFound)
        }
    }

    @Test("counseling notes are kept apart: not in the export, disclosed only under a consent of their own")
    func counselingNotes() async throws {
        try await withBraidApp { app, fixture, _ in
            let written = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/counseling-notes", token: fixture.token("c1"),
                body: #"{"sessionDate": "2026-06-12", "text": "Talked about the weekend."}"#)
            #expect(written.status == .created)
            let future = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/counseling-notes", token: fixture.token("c1"),
                body: #"{"sessionDate": "2026-06-16", "text": "x"}"#)
            #expect(future.status == .unprocessableEntity && future.errorField == "sessionDate")
            let list = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/counseling-notes", token: fixture.token("c1"))
            #expect((list.json["notes"] as? [[String: Any]])?.first?["text"] as? String == "Talked about the weekend.")
            for token in ["k1", "c2"] {
                let refused = try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)/counseling-notes", token: fixture.token(token))
                #expect(refused.status == .notFound, "\(token)")
            }
            let export = try await app.call(.GET, "api/v1/clients/\(fixture.client1)/fhir", token: fixture.token("c1"))
            #expect(
                !export.text.contains("Talked about the weekend")
                    && !Self.resourceTypes(export.json).contains("DocumentReference"))
            _ = try await Self.record(app, fixture)
            _ = try await Self.record(
                app, fixture, Self.consent.replacingOccurrences(of: "\"record\"", with: "\"counseling-notes\""))
            let record = try await Self.disclose(
                app, fixture, #"{"recipient": "Riverside Community Health", "purpose": "treatment"}"#)
            #expect(!record.text.contains("Talked about the weekend"))
            let notes = try await Self.disclose(
                app, fixture,
                #"{"recipient": "Riverside Community Health", "purpose": "treatment", "scope": "counseling-notes"}"#)
            #expect(notes.status == .created)
            #expect(
                Self.resourceTypes(notes.json["bundle"] as? [String: Any]) == [
                    "Patient", "Consent", "DocumentReference",
                ])
            #expect(notes.text.contains(Data("Talked about the weekend.".utf8).base64EncodedString()))
            #expect(
                Set(try await app.repository.disclosures(of: fixture.k1).map(\.scope)) == [.counselingNotes, .record])
        }
    }

    @Test("the pages: record a consent (a bad element shown by its field), disclose as a download, revoke, notes")
    func pages() async throws {
        try await withBraidApp { app, fixture, _ in
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("/clients/\(fixture.client1)/consents"))
            let page = try await clinician.send(.GET, "clients/\(fixture.client1)/consents")
            #expect(page.status == .ok && page.text.contains("No consent recorded"))
            let csrf = try #require(PageSession.csrf(in: page.text))
            var form = [
                "_csrf": csrf, "recipient": "Riverside Community Health", "purpose": "treatment", "scope": "record",
                "expiresOn": "2027-06-14", "signature": "K One", "signedOn": "2026-06-15",
            ]
            let unchecked = try await clinician.send(.POST, "clients/\(fixture.client1)/consents", form: form)
            #expect(unchecked.status == .unprocessableEntity && unchecked.text.contains("rightToRevokeExplained-error"))
            #expect(try await app.repository.consents(of: fixture.k1).isEmpty)
            form["rightToRevokeExplained"] = "on"
            let saved = try await clinician.send(.POST, "clients/\(fixture.client1)/consents", form: form)
            #expect(saved.status == .seeOther || saved.status == .found)
            let wrong = try await clinician.send(
                .POST, "clients/\(fixture.client1)/disclosures",
                form: ["_csrf": csrf, "recipient": "Northside Hospital", "purpose": "treatment", "scope": "record"])
            #expect(
                wrong.status == .unprocessableEntity && wrong.text.contains("Not disclosed: nothing left the program."))
            let download = try await clinician.send(
                .POST, "clients/\(fixture.client1)/disclosures",
                form: [
                    "_csrf": csrf, "recipient": "Riverside Community Health", "purpose": "treatment", "scope": "record",
                ])
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.contains("disclosure-2026-06-15.json") == true)
            #expect(download.json["notice"] as? String == ConsentGate.notice)
            let after = try await clinician.send(.GET, "clients/\(fixture.client1)/consents")
            #expect(
                after.text.contains("Accounting of disclosures")
                    && after.text.contains("data-consent-status=\"active\""))
            let consent = try #require(try await app.repository.consents(of: fixture.k1).first)
            let revoked = try await clinician.send(
                .POST, "clients/\(fixture.client1)/consents/revoke",
                form: ["_csrf": csrf, "consentId": consent.id.uuidString.lowercased()])
            #expect(revoked.status == .seeOther || revoked.status == .found)
            #expect(try await app.repository.consents(of: fixture.k1).first?.revokedAt != nil)
            let note = try await clinician.send(
                .POST, "clients/\(fixture.client1)/counseling-notes",
                form: ["_csrf": csrf, "sessionDate": "2026-06-14", "text": "Session about sleep."])
            #expect(note.status == .seeOther || note.status == .found)
            let notes = try await clinician.send(.GET, "clients/\(fixture.client1)/counseling-notes")
            #expect(notes.text.contains("Session about sleep.") && notes.text.contains("Session of 2026-06-14"))
            let chartAfter = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(!chartAfter.text.contains("Session about sleep."))
            // The client's page shows the revoked consent without a button, and the one disclosure.
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let mine = try await client.send(.GET, "my-consents")
            #expect(
                mine.text.contains("data-consent-status=\"revoked\"") && !mine.text.contains("Take back this consent"))
            #expect(mine.text.contains("<td>Riverside Community Health</td>"))
            let away = try await client.send(.GET, "clients/\(fixture.client1)/counseling-notes")
            #expect(away.status != .ok)
        }
    }
}
