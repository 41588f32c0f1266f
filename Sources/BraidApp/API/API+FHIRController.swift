import BraidCore
import BraidStore
import Foundation
import Vapor

/// `GET /api/v1/clients/{id}/fhir`: the client's record as a FHIR R4 Bundle, for the care team (a client reads
/// its record through its own pages; a disclosure outside the program goes through consent).
enum FHIRController {
    static func bundle(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let client = try await req.accessibleClient()
        let body = try await FHIRExporting.bundle(
            req.repository, client: client, actor: actor, today: try await req.program(of: actor).today(now: req.now),
            requestID: req.requestID, now: req.now)
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "fhir+json")
        return response
    }
}
