import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// A browser-like session against the in-memory app: keeps the session cookie, reads the CSRF token.
struct PageSession {
    let app: Application
    var cookie: String?

    func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> APIResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        var body: ByteBuffer?
        if let form {
            headers.contentType = .urlEncodedForm
            body = ByteBuffer(
                string: form.map {
                    "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }
                .joined(separator: "&"))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        return APIResponse(status: response.status, headers: response.headers, text: response.body.string)
    }

    static func signIn(_ app: Application, email: String, password: String = "correct horse battery") async throws
        -> PageSession
    {
        let response = try await PageSession(app: app).send(
            .POST, "login", form: ["email": email, "password": password])
        let setCookie = try #require(response.headers.first(name: .setCookie))
        return PageSession(app: app, cookie: String(setCookie.prefix { $0 != ";" }))
    }

    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite("Signed-in pages: sign-in, today's check-in, caseload")
struct SignedInPagesTests {
    @Test("sign-in sets an HttpOnly, SameSite session cookie and sends clients to Today, staff to the caseload")
    func signIn() async throws {
        try await withBraidApp { app, _, _ in
            let client = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "k1@test.example", "password": "correct horse battery"])
            #expect(client.status == .seeOther)
            #expect(client.headers.first(name: .location) == "/today")
            let cookie = try #require(client.headers.first(name: .setCookie))
            #expect(
                cookie.hasPrefix("braid-session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let staff = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "c1@test.example", "password": "correct horse battery"])
            #expect(staff.headers.first(name: .location) == "/caseload")
            let wrong = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "c1@test.example", "password": "nope"])
            #expect(wrong.status == .unauthorized)
            #expect(
                wrong.text.contains("Email or password is wrong.") && wrong.text.contains("value=\"c1@test.example\""))
            let anonymous = try await PageSession(app: app).send(.GET, "today")
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location) == "/login")
        }
    }

    @Test("a client checks in from the Today page; the check-in is stored")
    func checkIn() async throws {
        try await withBraidApp { app, fixture, _ in
            let session = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await session.send(.GET, "today")
            #expect(page.text.contains("How is your mood today?") && page.text.contains("tel:988"))
            let token = try #require(PageSession.csrf(in: page.text))
            let saved = try await session.send(
                .POST, "today",
                form: [
                    "_csrf": token, "mood": "6", "craving": "3", "sleepHours": "7.5", "used": "false",
                    "safety": "false",
                ])
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/today?saved=1")
            let stored = try await app.repository.checkIns(of: fixture.k1)
            #expect(stored.map(\.values.mood) == [6] && stored.first?.values.sleepHours == 7.5)
            #expect((try await session.send(.GET, "today?saved=1")).text.contains("Saved."))
        }
    }

    @Test("a safety yes shows the crisis resources at once and opens an alert")
    func safety() async throws {
        try await withBraidApp { app, fixture, _ in
            let session = try await PageSession.signIn(app, email: "k1@test.example")
            let token = try #require(PageSession.csrf(in: (try await session.send(.GET, "today")).text))
            let page = try await session.send(
                .POST, "today",
                form: [
                    "_csrf": token, "mood": "1", "craving": "9", "sleepHours": "3", "used": "true", "safety": "true",
                ])
            #expect(page.status == .ok)
            #expect(page.text.contains("crisis crisis-urgent"))
            #expect(page.text.contains("Call 988 now") && page.text.contains(Fixture.crisisLine))
            #expect(page.text.contains("Your safety plan"))
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).count == 1)
        }
    }

    @Test("forms without the session's CSRF token are refused and write nothing; invalid answers re-show the form")
    func csrfAndValidation() async throws {
        try await withBraidApp { app, fixture, _ in
            let session = try await PageSession.signIn(app, email: "k1@test.example")
            let forged = try await session.send(
                .POST, "today",
                form: ["_csrf": "forged", "mood": "6", "craving": "3", "sleepHours": "7", "used": "false"])
            #expect(forged.status == .forbidden)
            #expect(try await app.repository.checkIns(of: fixture.k1).isEmpty)
            let token = try #require(PageSession.csrf(in: (try await session.send(.GET, "today")).text))
            let invalid = try await session.send(
                .POST, "today",
                form: ["_csrf": token, "mood": "6", "craving": "3", "sleepHours": "7.25", "used": "false"])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.text.contains("id=\"sleepHours-error\">7.25 is not in 0.5-hour steps</p>"))
            #expect(invalid.text.contains("value=\"6\" checked"))
            #expect(try await app.repository.checkIns(of: fixture.k1).isEmpty)
        }
    }

    @Test("the clinician sees the new alert first and acknowledges it with a note")
    func caseloadAcknowledge() async throws {
        try await withBraidApp { app, fixture, _ in
            try await app.repository.assign(
                fixture.clinician1, to: fixture.client2, in: fixture.program, now: Fixture.now)
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k2"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let session = try await PageSession.signIn(app, email: "c1@test.example")
            let page = try await session.send(.GET, "caseload")
            #expect(page.status == .ok)
            let alertAt = try #require(
                page.text.range(of: "Safety alert: <a href=\"/clients/\(fixture.client2)\">k2</a>"))
            let tableAt = try #require(page.text.range(of: "<table tabindex=\"0\" class=\"caseload\">"))
            #expect(alertAt.lowerBound < tableAt.lowerBound)
            let alert = try #require(try await app.repository.alerts(of: [fixture.k2], openOnly: true).first)
            let token = try #require(PageSession.csrf(in: page.text))
            let empty = try await session.send(
                .POST, "alerts/\(alert.id)/acknowledge", form: ["_csrf": token, "note": " "])
            #expect(empty.status == .unprocessableEntity)
            let done = try await session.send(
                .POST, "alerts/\(alert.id)/acknowledge", form: ["_csrf": token, "note": "Called; safe."])
            #expect(done.status == .seeOther)
            #expect(try await app.repository.alerts(of: [fixture.k2], openOnly: true).isEmpty)
            #expect(!(try await session.send(.GET, "caseload")).text.contains("Safety alert: <a"))
            // Reading the caseload page is audited under the clinician's own id.
            let audit = try await app.repository.auditEvents(client: fixture.client2).filter {
                $0.action == "caseload.read"
            }
            #expect(audit.first?.actorID == fixture.clinician1)
            // A clinician off the care team cannot acknowledge, and a client has no caseload.
            let other = try await PageSession.signIn(app, email: "c2@test.example")
            let otherToken = try #require(PageSession.csrf(in: (try await other.send(.GET, "caseload")).text))
            let second = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let k1Alert = try #require((second.json["safetyAlert"] as? [String: Any])?["id"] as? String)
            let refused = try await other.send(
                .POST, "alerts/\(k1Alert)/acknowledge", form: ["_csrf": otherToken, "note": "x"])
            #expect(refused.status == .notFound)
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            #expect((try await client.send(.GET, "caseload")).headers.first(name: .location) == "/today")
        }
    }

    @Test("sign-out ends the session")
    func signOut() async throws {
        try await withBraidApp { app, _, _ in
            let session = try await PageSession.signIn(app, email: "k1@test.example")
            let token = try #require(PageSession.csrf(in: (try await session.send(.GET, "today")).text))
            let out = try await session.send(.POST, "logout", form: ["_csrf": token])
            #expect(out.status == .seeOther)
            #expect((try await session.send(.GET, "today")).headers.first(name: .location) == "/login")
        }
    }
}
