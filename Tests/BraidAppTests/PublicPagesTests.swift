import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("Public pages: landing and self-check")
struct PublicPagesTests {
    static func form(_ fields: [String: String]) -> String {
        fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    func post(_ app: Application, _ body: String) async throws -> APIResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let response = try await app.testing().sendRequest(
            .POST, "self-check", headers: headers, body: ByteBuffer(string: body))
        return APIResponse(status: response.status, headers: response.headers, text: response.body.string)
    }

    @Test("the landing page says what Braid is, shows the crisis lines and sets no cookie")
    func landing() async throws {
        try await withBraidApp { app, _, _ in
            let page = try await app.call(.GET, "")
            #expect(page.status == .ok)
            #expect(page.headers.contentType == .html)
            #expect(page.text.contains("<html lang=\"en\">"))
            #expect(page.text.contains("Cocaine use and depression, treated together"))
            #expect(page.text.contains("href=\"tel:988\""))
            #expect(page.text.contains("href=\"sms:988\""))
            #expect(page.text.contains("href=\"tel:911\""))
            #expect(page.text.contains("href=\"/self-check\""))
            #expect(page.headers.first(name: .setCookie) == nil)
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'none'") == true)
            let css = try await app.call(.GET, "assets/braid.css")
            #expect(css.status == .ok && css.text.contains(".crisis"))
        }
    }

    @Test("the self-check form labels every question and includes the PHQ-2 wording and attribution")
    func formPage() async throws {
        try await withBraidApp { app, _, _ in
            let page = try await app.call(.GET, "self-check")
            for field in SelfCheckForm.fields { #expect(page.text.contains("name=\"\(field)\""), "\(field)") }
            #expect(page.text.contains("<legend>Little interest or pleasure in doing things</legend>"))
            #expect(page.text.contains("Pfizer"))
            #expect(page.text.contains("<label for=\"firstUseAge\">"))
            #expect(page.headers.first(name: .setCookie) == nil)
        }
    }

    @Test("answers give the pattern and next steps; nothing is stored")
    func result() async throws {
        try await withBraidApp { app, _, _ in
            let auditBefore = try await app.repository.auditEvents().count
            let page = try await post(
                app,
                Self.form([
                    "everDepressed": "yes", "depressionAge": "14", "firstUseAge": "19", "moodInBreak": "stayed-low",
                    "lowsAfterUse": "no", "usesToLiftMood": "yes", "phq2_1": "2", "phq2_2": "0",
                ]))
            #expect(page.status == .ok)
            #expect(page.text.contains("Your low mood seems to have come first"))
            #expect(page.text.contains("What to do next"))
            #expect(page.text.contains("We treat your mood and your cocaine use together"))
            #expect(!page.text.contains("crisis-urgent"))
            #expect(page.headers.first(name: .setCookie) == nil)
            #expect(try await app.repository.auditEvents().count == auditBefore)
        }
    }

    @Test("feeling down several days or more puts the crisis resources first")
    func crisis() async throws {
        try await withBraidApp { app, _, _ in
            let page = try await post(app, Self.form(["phq2_1": "0", "phq2_2": "1"]))
            #expect(page.status == .ok)
            #expect(page.text.contains("crisis crisis-urgent"))
            #expect(page.text.contains("Call or text 988"))
        }
    }

    @Test("bad answers re-show the form with the field's message and what was typed")
    func invalid() async throws {
        try await withBraidApp { app, _, _ in
            let page = try await post(
                app,
                Self.form(["firstUseAge": "3", "depressionAge": "abc", "lowsAfterUse": "maybe", "regularUseAge": "30"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("id=\"firstUseAge-error\">3 is out of range 5…120</p>"))
            #expect(page.text.contains("id=\"depressionAge-error\">enter an age in whole years (5–120)</p>"))
            #expect(page.text.contains("id=\"lowsAfterUse-error\">choose one of the options</p>"))
            #expect(page.text.contains("name=\"regularUseAge\" id=\"regularUseAge\""))
            #expect(page.text.contains("value=\"30\""))
            #expect(page.text.contains("aria-invalid=\"true\""))
        }
    }

    @Test("unknown pages are HTML 404s with the crisis line; the API keeps JSON")
    func notFound() async throws {
        try await withBraidApp { app, _, _ in
            let page = try await app.call(.GET, "no/such/page")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType == .html)
            #expect(page.text.contains("Page not found") && page.text.contains("tel:988"))
            #expect(try await app.call(.GET, "api/v1/nope").error["code"] as? String == "not-found")
        }
    }
}
