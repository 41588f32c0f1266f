import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// Who may read a client record: the client itself and its care team. Everyone else gets 404, including an
/// admin who is not on the team and staff of another program.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    static let readRoutes = ["", "/checkins", "/assessments", "/screens", "/analysis"]

    @Test(
        "GET /clients/{K1}… by actor",
        arguments: [
            ("k1", true), ("k2", false), ("k3", false), ("c1", true), ("c2", false), ("c3", false), ("admin", false),
        ])
    func readMatrix(actor: String, allowed: Bool) async throws {
        try await withBraidApp { app, fixture, _ in
            for route in Self.readRoutes {
                let response = try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)\(route)", token: fixture.token(actor))
                #expect(response.status == (allowed ? .ok : .notFound), "\(actor) GET \(route)")
                if !allowed { #expect(response.error["code"] as? String == "not-found") }
            }
        }
    }

    @Test("an unknown client id and a malformed id look exactly like a forbidden one")
    func indistinguishable() async throws {
        try await withBraidApp { app, fixture, _ in
            let forbidden = try await app.call(.GET, "api/v1/clients/\(fixture.client2)", token: fixture.token("c1"))
            let unknown = try await app.call(.GET, "api/v1/clients/\(UUID())", token: fixture.token("c1"))
            let malformed = try await app.call(.GET, "api/v1/clients/12345", token: fixture.token("c1"))
            #expect(forbidden.status == .notFound && unknown.status == .notFound && malformed.status == .notFound)
            #expect(forbidden.text == unknown.text && unknown.text == malformed.text)
        }
    }

    @Test("writes follow the same rule: only the care team records assessments and screens")
    func writeMatrix() async throws {
        try await withBraidApp { app, fixture, _ in
            let assessment = #"{"instrument": "gad7", "answers": [1,1,1,1,1,1,1]}"#
            let screen = #"{"date": "2026-06-14", "result": "negative"}"#
            for name in ["c2", "c3", "admin", "k2"] {
                do {
                    let response = try await app.call(
                        .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token(name),
                        body: assessment)
                    #expect(response.status == .notFound)
                }
                do {
                    let response = try await app.call(
                        .POST, "api/v1/clients/\(fixture.client1)/screens", token: fixture.token(name), body: screen)
                    #expect(response.status == .notFound)
                }
            }
            do {
                let response = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"), body: assessment
                )
                #expect(response.status == .created)
            }
            do {
                let response = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/screens", token: fixture.token("c1"), body: screen)
                #expect(response.status == .created)
            }
            // A client may self-report on its own record, but screens and clinician instruments are the team's.
            do {
                let response = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("k1"), body: assessment
                )
                #expect(response.status == .created)
            }
            do {
                let response = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/screens", token: fixture.token("k1"), body: screen)
                #expect(response.status == .forbidden)
            }
            let cssrs = #"{"instrument": "cssrs", "answers": [0,0,null,null,null,0,null]}"#
            do {
                let response = try await app.call(
                    .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("k1"), body: cssrs)
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("an admin on the care team reads the record; off the team the caseload is empty")
    func adminOnTeam() async throws {
        try await withBraidApp { app, fixture, _ in
            let before = try await app.call(.GET, "api/v1/clients", token: fixture.token("admin"))
            #expect((before.json["clients"] as? [Any])?.isEmpty == true)
            try await app.repository.assign(fixture.admin, to: fixture.client1, in: fixture.program, now: Fixture.now)
            do {
                let response = try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)", token: fixture.token("admin"))
                #expect(response.status == .ok)
            }
            let after = try await app.call(.GET, "api/v1/clients", token: fixture.token("admin"))
            #expect(
                (after.json["clients"] as? [[String: Any]])?.map { $0["id"] as? String } == [
                    fixture.client1.description
                ])
        }
    }

    @Test("clients have no caseload or alert list (404)")
    func clientStaffRoutes() async throws {
        try await withBraidApp { app, fixture, _ in
            do {
                let response = try await app.call(.GET, "api/v1/clients", token: fixture.token("k1"))
                #expect(response.status == .notFound)
            }
            do {
                let response = try await app.call(.GET, "api/v1/alerts", token: fixture.token("k1"))
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("every protected route is 401 without a token", arguments: APIRoute.allCases.filter(\.requiresToken))
    func unauthenticated(route: APIRoute) async throws {
        try await withBraidApp { app, fixture, _ in
            let path = route.pathComponents.map {
                $0.description == ":id" ? fixture.client1.description : $0.description
            }
            .joined(separator: "/")
            let response = try await app.call(route.method, path, body: route.method == .GET ? nil : "{}")
            #expect(response.status == .unauthorized, "\(route)")
        }
    }
}
