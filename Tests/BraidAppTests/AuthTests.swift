import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("Sign-in, tokens and /me")
struct AuthTests {
    @Test("email and password give a token that works; expiresAt follows the configured lifetime")
    func signIn() async throws {
        try await withBraidApp { app, _, _ in
            let response = try await app.call(
                .POST, "api/v1/auth/token", body: #"{"email": "C1@test.example", "password": "correct horse battery"}"#)
            #expect(response.status == .ok)
            let token = try #require(response.json["token"] as? String)
            #expect(token.count >= 40)
            #expect(response.json["expiresAt"] as? String == "2026-06-16T00:00:00Z")
            let me = try await app.call(.GET, "api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json["role"] as? String == "clinician")
            #expect(me.json["email"] as? String == "c1@test.example")
        }
    }

    @Test("a wrong password and an unknown email get the same 401")
    func wrongCredentials() async throws {
        try await withBraidApp { app, _, _ in
            let wrong = try await app.call(
                .POST, "api/v1/auth/token", body: #"{"email": "c1@test.example", "password": "wrong password!"}"#)
            let unknown = try await app.call(
                .POST, "api/v1/auth/token", body: #"{"email": "nobody@test.example", "password": "wrong password!"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.error["message"] as? String == unknown.error["message"] as? String)
            let failures = try await app.repository.auditEvents().filter { $0.action == "auth.login-failed" }
            #expect(failures.count == 2)
        }
    }

    @Test(
        "bad sign-in bodies: 400 for non-JSON, 422 naming the field",
        arguments: [
            ("not json", 400, nil),
            ("", 400, nil),
            (#"{"password": "correct horse battery"}"#, 422, "email"),
            (#"{"email": "c1@test.example"}"#, 422, "password"),
            (#"{"email": "c1@test.example", "password": "correct horse battery", "otp": 1}"#, 422, "otp"),
            (#"{"email": 7, "password": "x"}"#, 422, "email"),
        ] as [(String, Int, String?)])
    func badBodies(body: String, status: Int, field: String?) async throws {
        try await withBraidApp { app, _, _ in
            let response = try await app.call(.POST, "api/v1/auth/token", body: body.isEmpty ? nil : body)
            #expect(Int(response.status.code) == status)
            #expect(response.errorField == field)
            #expect(response.error["code"] != nil && response.error["message"] != nil)
        }
    }

    @Test("tokens expire, can be revoked, and a missing or unknown token is 401")
    func tokenLifecycle() async throws {
        try await withBraidApp { app, fixture, clock in
            #expect(try await app.call(.GET, "api/v1/me").status == .unauthorized)
            #expect(try await app.call(.GET, "api/v1/me", token: "not-a-token").status == .unauthorized)
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("k1")).status == .ok)
            #expect(try await app.call(.DELETE, "api/v1/auth/token", token: fixture.token("k1")).status == .noContent)
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("k1")).status == .unauthorized)
            // Fixture tokens live one hour; a cached token is not honoured past its expiry.
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("c1")).status == .ok)
            // Used within every idle period (30 minutes), it lives to its absolute expiry.
            clock.advance(by: 1790)
            let used = try await app.call(.GET, "api/v1/me", token: fixture.token("c1"))
            #expect(used.status == .ok, "\(used.text)")
            clock.advance(by: 1800)
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("c1")).status == .ok)
            clock.advance(by: 11)
            let expired = try await app.call(.GET, "api/v1/me", token: fixture.token("c1"))
            #expect(expired.status == .unauthorized)
            #expect(expired.headers.first(name: .wwwAuthenticate) == "Bearer")
        }
    }

    @Test("/me for a client gives its client id, the one /clients/{id} uses")
    func meForClient() async throws {
        try await withBraidApp { app, fixture, _ in
            let me = try await app.call(.GET, "api/v1/me", token: fixture.token("k1"))
            #expect(me.json["id"] as? String == fixture.client1.description)
            #expect(me.json["role"] as? String == "client")
            #expect(
                try await app.call(.GET, "api/v1/clients/\(fixture.client1)", token: fixture.token("k1")).status == .ok)
        }
    }

    @Test("health runs a real query; unknown routes are JSON 404s; responses carry a request id")
    func serviceRoutes() async throws {
        try await withBraidApp { app, _, _ in
            let health = try await app.call(.GET, "api/v1/health")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            #expect(health.json["database"] as? String == (TestDatabase.postgresURL == nil ? "sqlite" : "postgresql"))
            #expect(health.headers.first(name: "X-Request-ID") != nil)
            #expect(health.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let missing = try await app.call(.GET, "api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.error["code"] as? String == "not-found")
        }
    }
}
