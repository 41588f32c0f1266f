import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("sign-in throttling, session timeouts, sign out everywhere, security headers")
struct SessionSecurityTests {
    static let wrong = #"{"email": "c1@test.example", "password": "wrong password!"}"#
    static let right = #"{"email": "c1@test.example", "password": "correct horse battery"}"#

    @Test("after five failures the API answers 429 with Retry-After, before checking any password")
    func apiThrottle() async throws {
        try await withBraidApp { app, _, clock in
            for _ in 0..<5 {
                #expect(try await app.call(.POST, "api/v1/auth/token", body: Self.wrong).status == .unauthorized)
            }
            let throttled = try await app.call(.POST, "api/v1/auth/token", body: Self.right)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers.first(name: "Retry-After") == "1")
            #expect(throttled.error["code"] as? String == "throttled")
            clock.advance(by: 1)
            #expect(try await app.call(.POST, "api/v1/auth/token", body: Self.right).status == .ok)
            // Audited: five failures and one throttled attempt.
            let actions = try await app.repository.auditEvents().map(\.action)
            #expect(actions.filter { $0 == "auth.login-failed" }.count == 5)
            #expect(actions.filter { $0 == "auth.login-throttled" }.count == 1)
        }
    }

    @Test("an attacker's address is held back long; the clinician from her own address waits a minute at most")
    func perAddress() async throws {
        try await withBraidApp { app, _, clock in
            app.braid.trustForwardedFor = true
            func attempt(_ body: String, from address: String) async throws -> APIResponse {
                var headers = HTTPHeaders()
                headers.contentType = .json
                headers.replaceOrAdd(name: .xForwardedFor, value: "\(address), 10.0.0.1")
                let response = try await app.testing().sendRequest(
                    .POST, "api/v1/auth/token", headers: headers, body: ByteBuffer(string: body))
                return APIResponse(status: response.status, headers: response.headers, text: response.body.string)
            }
            // Twenty real failures from the attacker's address, each as soon as the throttle allows.
            var failures = 0
            while failures < 20 {
                let response = try await attempt(Self.wrong, from: "203.0.113.9")
                if response.status == .tooManyRequests {
                    clock.advance(by: Double(response.headers.first(name: "Retry-After") ?? "1") ?? 1)
                } else {
                    #expect(response.status == .unauthorized)
                    failures += 1
                }
            }
            let attacker = try await attempt(#"{"email": "c2@test.example", "password": "x"}"#, from: "203.0.113.9")
            #expect(attacker.status == .tooManyRequests)
            #expect((Int(attacker.headers.first(name: "Retry-After") ?? "") ?? 0) > 60)
            let clinician = try await attempt(Self.right, from: "198.51.100.4")
            #expect(clinician.status == .tooManyRequests)
            #expect((Int(clinician.headers.first(name: "Retry-After") ?? "") ?? 999) <= 60)
            clock.advance(by: 60)
            #expect(try await attempt(Self.right, from: "198.51.100.4").status == .ok)
        }
    }

    @Test("the sign-in page answers 429 with the wait in words, and keeps the email typed")
    func pageThrottle() async throws {
        try await withBraidApp { app, _, _ in
            for _ in 0..<5 {
                _ = try await PageSession(app: app).send(
                    .POST, "login", form: ["email": "c1@test.example", "password": "nope nope nope"])
            }
            let page = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "c1@test.example", "password": "correct horse battery"])
            #expect(page.status == .tooManyRequests)
            #expect(page.headers.first(name: "Retry-After") == "1")
            #expect(page.text.contains("too many failed sign-ins: try again in 1 second"))
            #expect(page.text.contains("value=\"c1@test.example\""))
        }
    }

    @Test("a page session ends after 30 idle minutes, not while in use; the sign-in page says why")
    func idle() async throws {
        try await withBraidApp { app, _, clock in
            var session = try await PageSession.signIn(app, email: "k1@test.example")
            for _ in 0..<4 {
                clock.advance(by: 20 * 60)
                #expect(try await session.send(.GET, "today").status == .ok)
            }
            clock.advance(by: 30 * 60 + 1)
            let ended = try await session.send(.GET, "today")
            #expect(ended.status == .seeOther && ended.headers.first(name: .location) == "/login")
            if let cookie = ended.headers.first(name: .setCookie) {
                session.cookie = String(cookie.prefix { $0 != ";" })
            }
            let login = try await session.send(.GET, "login")
            #expect(login.text.contains("signed out after 30 minutes without activity"))
            // Once: the next visit to the sign-in page has no notice.
            let second = try await session.send(.GET, "login")
            #expect(!second.text.contains("without activity"))
            let actions = try await app.repository.auditEvents().map(\.action)
            #expect(actions.contains("auth.session-expired"))
        }
    }

    @Test("a page session ends at its absolute limit (12 hours) even while in use")
    func absolute() async throws {
        try await withBraidApp { app, _, clock in
            let session = try await PageSession.signIn(app, email: "c1@test.example")
            for _ in 0..<(12 * 3) {
                clock.advance(by: 20 * 60)
                #expect(try await session.send(.GET, "caseload").status == .ok)
            }
            clock.advance(by: 20 * 60)
            let ended = try await session.send(.GET, "caseload")
            #expect(ended.status == .seeOther)
        }
    }

    @Test("API tokens unused for 30 minutes stop working")
    func idleToken() async throws {
        try await withBraidApp { app, fixture, clock in
            let fresh = try await app.call(.GET, "api/v1/me", token: fixture.token("k1"))
            #expect(fresh.status == .ok)
            clock.advance(by: 30 * 60 + 31)  // past the idle limit and the 30 s token cache
            let idle = try await app.call(.GET, "api/v1/me", token: fixture.token("k1"))
            #expect(idle.status == .unauthorized)
        }
    }

    @Test("sign out everywhere ends the account's other page sessions and revokes its tokens")
    func everywhere() async throws {
        try await withBraidApp { app, fixture, clock in
            let phone = try await PageSession.signIn(app, email: "c1@test.example")
            let desk = try await PageSession.signIn(app, email: "c1@test.example")
            let other = try await PageSession.signIn(app, email: "c2@test.example")
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("c1")).status == .ok)
            clock.advance(by: 5)
            let page = try await desk.send(.GET, "caseload")
            #expect(page.text.contains("name=\"everywhere\""))
            let out = try await desk.send(
                .POST, "logout", form: ["_csrf": PageSession.csrf(in: page.text) ?? "", "everywhere": "1"])
            #expect(out.status == .seeOther)
            #expect(try await phone.send(.GET, "caseload").status == .seeOther)
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("c1")).status == .unauthorized)
            #expect(try await other.send(.GET, "caseload").status == .ok)
            // Signing in again afterwards works.
            let again = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await again.send(.GET, "caseload").status == .ok)
            #expect(try await app.repository.auditEvents().contains { $0.action == "auth.logout-everywhere" })

            // The API's DELETE /auth/tokens does the same for the token's account.
            let k1Page = try await PageSession.signIn(app, email: "k1@test.example")
            clock.advance(by: 1)
            #expect(try await app.call(.DELETE, "api/v1/auth/tokens", token: fixture.token("k1")).status == .noContent)
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("k1")).status == .unauthorized)
            #expect(try await k1Page.send(.GET, "today").status == .seeOther)
        }
    }

    @Test("security headers on pages, API answers, errors and 429s; no HSTS without TLS")
    func headers() async throws {
        try await withBraidApp { app, fixture, _ in
            let responses = [
                try await PageSession(app: app).send(.GET, ""),
                try await app.call(.GET, "api/v1/me", token: fixture.token("k1")),
                try await app.call(.GET, "api/v1/nothing-here"),
                try await PageSession(app: app).send(.GET, "no-such-page"),
                try await app.call(.POST, "api/v1/auth/token", body: "{"),
            ]
            for response in responses {
                for name in [
                    "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy",
                    "Cross-Origin-Opener-Policy", "Permissions-Policy", "Cache-Control",
                ] {
                    #expect(response.headers.first(name: name) != nil, "\(name) on \(response.status)")
                }
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil)
            }
            #expect(responses[0].headers.first(name: "Content-Security-Policy")?.contains("style-src 'self'") == true)
            #expect(responses[1].headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.dataPolicy)
        }
    }
}

@Suite("attribute values are escaped (Plot writes them as given)")
struct AttributeEscapingTests {
    @Test("a quote typed on the sign-in page stays inside its attribute")
    func signInEcho() async throws {
        try await withBraidApp { app, _, _ in
            let page = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "x\" autofocus onfocus=\"alert(1)", "password": "nope nope nope"])
            #expect(page.status == .unauthorized)
            #expect(page.text.contains("value=\"x&quot; autofocus onfocus=&quot;alert(1)\""))
            #expect(!page.text.contains("onfocus=\"alert"))
        }
    }

    @Test("the escaping of attribute values; text nodes stay Plot's")
    func helpers() {
        #expect("a&b<c>\"d'".attributeEscaped == "a&amp;b&lt;c&gt;&quot;d&#39;")
        #expect("plain".attributeEscaped == "plain")
        // The pages' own helpers (the homework button's label, a link with a query) escape too.
        let select = FormFields.select(
            "who", id: "who", label: "Who", options: [("a\"b", "A")], selected: nil
        ).render()
        #expect(select.contains("value=\"a&quot;b\""))
    }
}
