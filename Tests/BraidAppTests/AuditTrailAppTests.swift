import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("audit trail in the app (§11): the events HIPAA expects, one event per list read, the admin's page")
struct AuditTrailAppTests {
    @Test("sign-in success and failure, list and record reads, writes, exports and sign-out are chained")
    func eventsLandInTheChain() async throws {
        try await withBraidApp { app, fixture, _ in
            let failed = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "c1@test.example", "password": "not the password"])
            #expect(failed.status == .unauthorized)
            _ = try await app.call(
                .POST, "api/v1/auth/token", body: #"{"email": "nobody@test.example", "password": "wrong password!"}"#)
            // C1 joins K2's care team, so C1's caseload shows two clients.
            try await app.repository.setCareTeam(
                [fixture.clinician2, fixture.clinician1], of: fixture.k2, now: Fixture.now)
            let session = try await PageSession.signIn(app, email: "c1@test.example")
            let caseload = try await session.send(.GET, "caseload")
            #expect(caseload.status == .ok)
            let listed = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
            let shown = (listed.json["clients"] as? [[String: Any]])?.count ?? 0
            #expect(shown == 2)
            _ = try await app.call(.GET, "api/v1/clients/\(fixture.client1)", token: fixture.token("c1"))
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"date": "2026-06-15", "mood": 4, "craving": 6, "sleepHours": 5, "used": false}"#)
            _ = try await app.call(.GET, "api/v1/clients/\(fixture.client1)/fhir", token: fixture.token("c1"))
            let page = try await session.send(.GET, "caseload")
            _ = try await session.send(.POST, "logout", form: ["_csrf": PageSession.csrf(in: page.text) ?? ""])

            let events = try await app.repository.auditEvents().reversed().map(\.action)
            for action in [
                "auth.login-failed", "auth.login", "caseload.read", "client.read", "checkin.create", "export.fhir",
                "auth.logout",
            ] {
                #expect(events.contains(action), "\(action) in \(events)")
            }
            #expect(events.filter { $0 == "auth.login-failed" }.count == 2)
            // Each caseload read is one event naming every client shown, not one row per client.
            let reads = try await app.repository.auditEvents().filter { $0.action == "caseload.read" }
            let apiRead = try #require(reads.first { $0.actorID == fixture.clinician1 && $0.clients.count == 2 })
            #expect(Set(apiRead.clients) == [fixture.client1, fixture.client2] && apiRead.clientID == nil)
            #expect(reads.count == 3)
            // Both programs' chains, and the unknown email's system chain, check out.
            let result = try await app.repository.verifyAudit()
            #expect(result.isIntact)
            #expect(result.chains.contains { $0.chain == AuditChain.systemChain && $0.events == 1 })
        }
    }

    @Test("the admin searches the program's events; a bad filter is refused by name; others get 404")
    func searchPage() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(.GET, "api/v1/clients/\(fixture.client1)", token: fixture.token("c1"))
            _ = try await app.call(.GET, "api/v1/clients/\(fixture.client3)", token: fixture.token("c3"))
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let page = try await admin.send(.GET, "admin/audit")
            #expect(page.status == .ok)
            #expect(
                page.text.contains("data-action=\"client.read\"") && page.text.contains("data-action=\"auth.login\""))
            #expect(page.text.contains("This program's chain holds"))
            // Only this program's events: the other program's read of k3 is not here.
            #expect(!page.text.contains(fixture.client3.description))
            let byClient = try await admin.send(.GET, "admin/audit?client=\(fixture.client1)")
            #expect(byClient.text.contains("data-action=\"client.read\""))
            #expect(!byClient.text.contains("data-action=\"auth.login\""))
            #expect(byClient.text.contains(">k1<"))
            let byAction = try await admin.send(.GET, "admin/audit?action=auth")
            #expect(
                byAction.text.contains("data-action=\"auth.login\"")
                    && !byAction.text.contains("data-action=\"client.read\""))
            for (query, field) in [
                ("client=nope", "client"), ("from=2026-13-01", "from"), ("limit=0", "limit"),
                ("from=2026-06-15&to=2026-06-01", "to"), ("action=a%20b", "action"), ("format=pdf", "format"),
            ] {
                let bad = try await admin.send(.GET, "admin/audit?\(query)")
                #expect(bad.status == .unprocessableEntity, "\(query)")
                #expect(bad.text.contains("id=\"\(field)-error\""), "\(query)")
            }
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await clinician.send(.GET, "admin/audit").status == .notFound)
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            #expect(try await client.send(.GET, "admin/audit?format=csv").status == .notFound)
            #expect(try await PageSession(app: app).send(.GET, "admin/audit").status == .seeOther)
            // Looking is audited too.
            let looks = try await app.repository.auditEvents().filter { $0.action == "audit.read" }
            #expect(looks.count == 3 && looks.allSatisfy { $0.actorID == fixture.admin })
        }
    }

    @Test("CSV and FHIR AuditEvent downloads hold the searched events with their chain links")
    func downloads() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(.GET, "api/v1/clients/\(fixture.client1)", token: fixture.token("c1"))
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let csv = try await admin.send(.GET, "admin/audit?format=csv&client=\(fixture.client1)")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: .contentDisposition)?.contains("braid-audit-2026-06-15.csv") == true)
            let lines = csv.text.split(separator: "\n").map(String.init)
            #expect(lines[0] == AuditExport.columns.map(\.name).joined(separator: ","))
            #expect(lines.count == 2)
            let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells[6] == "client.read" && cells[7] == "read" && cells[8] == fixture.client1.description)
            #expect(cells[11].count == 64 && cells[12].count == 64)

            let fhir = try await admin.send(.GET, "admin/audit?format=fhir")
            #expect(fhir.headers.first(name: .contentType) == "application/fhir+json")
            let bundle = try #require(fhir.json as [String: Any]?)
            #expect(bundle["resourceType"] as? String == "Bundle" && bundle["type"] as? String == "collection")
            let resources = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
            #expect(resources.count >= 3)
            for resource in resources {
                #expect(resource["resourceType"] as? String == "AuditEvent")
                #expect(resource["type"] is [String: Any] && resource["recorded"] is String)
                let agent = (resource["agent"] as? [[String: Any]])?.first
                #expect(agent?["requestor"] as? Bool == true)
                #expect((resource["source"] as? [String: Any])?["observer"] is [String: Any])
            }
            let read = try #require(
                resources.first { ($0["entity"] as? [[String: Any]])?.last?["name"] as? String == "client.read" })
            #expect(read["action"] as? String == "R")
            #expect((read["subtype"] as? [[String: Any]])?.first?["code"] as? String == "read")
            let login = try #require(resources.first { ($0["type"] as? [String: Any])?["code"] as? String == "110114" })
            #expect(login["action"] as? String == "E")
            let exports = try await app.repository.auditEvents().filter { $0.action == "audit.export" }
            #expect(exports.count == 2 && exports.contains { $0.clientID == fixture.client1 })
        }
    }
}
