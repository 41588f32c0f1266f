import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("OpenAPI, audit, configuration, demo")
struct ServiceTests {
    @Test("the OpenAPI document lists exactly the registered API routes")
    func openAPIMatchesRoutes() async throws {
        try await withBraidApp { app, _, _ in
            let response = try await app.call(.GET, "api/v1/openapi.json")
            #expect(response.json["openapi"] as? String == "3.1.0")
            let paths = try #require(response.json["paths"] as? [String: [String: Any]])
            let documented = Set(
                paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    "\(route.method.rawValue) /"
                        + route.path.map { component in
                            component.description.hasPrefix(":")
                                ? "{\(component.description.dropFirst())}" : component.description
                        }.joined(separator: "/")
                })
            #expect(registered.count == APIRoute.allCases.count)
            #expect(documented == registered)
        }
    }

    @Test("reads and writes of client data are audited with actor, role, action, client and request id; no content")
    func audit() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "note": "private words"}"#)
            let read = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/checkins", token: fixture.token("c1"))
            _ = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
            let events = try await app.repository.auditEvents(client: fixture.client1)
            #expect(Set(events.map(\.action)) == ["checkin.create", "checkins.read", "caseload.read"])
            let readEvent = try #require(events.first { $0.action == "checkins.read" })
            #expect(readEvent.actorID == fixture.clinician1)
            #expect(readEvent.role == .clinician)
            #expect(readEvent.requestID == read.headers.first(name: "X-Request-ID"))
            #expect(readEvent.at == Fixture.now)
            #expect(events.allSatisfy { !$0.action.contains("private") && !($0.requestID ?? "").contains("private") })
        }
    }

    @Test("production settings: every missing one is listed at once")
    func configuration() throws {
        #expect(throws: ConfigurationError.self) {
            _ = try BraidConfiguration.load(environment: ["BRAID_ENV": "production"], sqlitePath: "x.sqlite")
        }
        do {
            _ = try BraidConfiguration.load(
                environment: ["BRAID_ENV": "production", "BRAID_TOKEN_HOURS": "0", "DATABASE_URL": "mysql://x"],
                sqlitePath: "x.sqlite")
        } catch {
            #expect(error.problems.count == 4)
            #expect(error.problems.contains { $0.hasPrefix("BRAID_CRISIS_LINE") })
            #expect(error.problems.contains { $0.hasPrefix("BRAID_TIME_ZONE") })
            #expect(error.problems.contains { $0.hasPrefix("BRAID_TOKEN_HOURS") })
            #expect(error.problems.contains { $0.hasPrefix("DATABASE_URL") })
        }
        let ok = try BraidConfiguration.load(
            environment: [
                "BRAID_ENV": "production", "BRAID_CRISIS_LINE": "555-0100", "BRAID_TIME_ZONE": "America/Chicago",
                "DATABASE_URL": "postgres://u:p@localhost:5432/braid",
            ], sqlitePath: "x.sqlite")
        #expect(ok.crisisResources.programLine == "555-0100")
        #expect(!ok.database.isSQLite)
        #expect(!ok.database.description.contains("u:p"))
        let development = try BraidConfiguration.load(environment: [:], sqlitePath: "dev.sqlite")
        #expect(development.database == .sqliteFile(path: "dev.sqlite"))
    }

    @Test("the demo program: 12 clients over two clinicians, all four profiles, open alerts; created once")
    func demo() async throws {
        try await withBraidApp { app, _, _ in
            let logins = try await DemoProgram.ensure(app)
            #expect(logins.filter { $0.role == .client }.count == 12)
            let again = try await DemoProgram.ensure(app)
            #expect(again == logins)
            let demo = try #require(try await app.repository.demoProgram())
            let clients = try await app.repository.clients(in: demo.id)
            #expect(clients.count == 12)
            let sign = try await app.call(
                .POST, "api/v1/auth/token",
                body: #"{"email": "rivera@demo.braid.test", "password": "demo-clinician-password"}"#)
            let token = try #require(sign.json["token"] as? String)
            let caseload = try await app.call(.GET, "api/v1/clients", token: token)
            let summaries = try #require(caseload.json["clients"] as? [[String: Any]])
            #expect(summaries.count == 7)  // six of her own and one shared
            #expect(((summaries.first?["openAlerts"] as? [Any])?.count ?? 0) > 0)
            let classes = Set(summaries.compactMap { $0["classification"] as? String })
            #expect(classes.isSuperset(of: ["crash-driven", "persistent", "mixed", "not-low"]))
        }
    }
}

@Suite("Demo data helpers")
struct DemoDataTests {
    @Test("PHQ item scores add up to the total, stay within 0…3 and keep item 9 as given")
    func items() {
        for total in [0, 7, 17, 25] {  // 25 = eight free items at 3 plus item 9
            let scores = DemoHistory.items(total: total, count: 9, item9: 1)
            #expect(scores.compactMap { $0 }.reduce(0, +) == max(total, 1))
            #expect(scores.allSatisfy { (0...3).contains($0 ?? -1) })
            #expect(scores[8] == 1)
        }
        #expect(DemoHistory.items(total: 30, count: 7).compactMap { $0 } == Array(repeating: 3, count: 7))
    }
}
