import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// `GET /api/v1/clients/{id}/fhir` (issue 13 §4): for the care team only, as application/fhir+json, audited.
@Suite("FHIR export over the API: the care team's, audited; nobody else's")
struct FHIRAppTests {
    @Test("the care team reads the Bundle; another clinician, another program and the client get 404")
    func access() async throws {
        try await withBraidApp { app, fixture, _ in
            let saved = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "gad7", "date": "2026-06-14", "answers": [1,1,1,1,1,1,1]}"#)
            #expect(saved.status == .created)
            let response = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/fhir", token: fixture.token("c1"))
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("application/fhir+json") == true)
            let bundle = try #require(response.json as [String: Any]?)
            #expect(bundle["type"] as? String == "collection")
            let kinds = (bundle["entry"] as? [[String: Any]] ?? []).compactMap {
                ($0["resource"] as? [String: Any])?["resourceType"] as? String
            }
            #expect(kinds == ["Patient", "QuestionnaireResponse", "Observation"])
            #expect(
                try await app.repository.auditEvents(client: fixture.client1).contains { $0.action == "export.fhir" })
            for token in ["c2", "c3", "k1"] {
                let refused = try await app.call(
                    .GET, "api/v1/clients/\(fixture.client1)/fhir", token: fixture.token(token))
                #expect(refused.status == .notFound, "\(token)")
            }
        }
    }
}
