import BraidCore
import BraidStore
import Vapor

/// Safety alerts of the caseload.
enum AlertsController {
    static func alerts(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let status = req.query[String.self, at: "status"] ?? "open"
        guard status == "open" || status == "all" else {
            throw APIError(.badRequest, code: "invalid-parameter", "'\(status)' is not open or all", field: "status")
        }
        let clients = try await req.repository.caseload(of: actor.userID, in: actor.programID).map(\.ref)
        let alerts = try await req.repository.alerts(of: clients, openOnly: status == "open")
        try await req.auditRead("alerts.read", clients: Array(Set(alerts.map(\.clientID))))
        return try req.respond(AlertListDTO(alerts: alerts.map(AlertDTO.init)))
    }

    static func acknowledge(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        guard let id = req.parameters.get("id").flatMap(AlertID.init) else { throw APIError.notFound("alert") }
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["note"])
        let note = try reader.text("note", maximumLength: SafetyRules.maximumNoteLength)
        let committed = try await req.clinicalEntry(by: actor, through: .api).acknowledge(id, note: note)
        guard let acknowledged = committed.acknowledgedAlert else { throw APIError.from(StoreError.corrupt("alert")) }
        return try req.respond(AlertDTO(acknowledged))
    }
}
