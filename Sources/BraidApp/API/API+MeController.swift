import BraidCore
import BraidStore
import Vapor

/// The signed-in account and a client's own check-ins.
enum MeController {
    static func me(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let account = try await req.repository.user(actor.userID) else { throw APIError.unauthorized }
        let id = actor.clientID?.description ?? account.id.description
        return try req.respond(MeDTO(id: id, role: account.role.rawValue, name: account.name, email: account.email))
    }

    static func createCheckIn(_ req: Request) async throws -> Response {
        let actor = try req.actor
        // The token lookup already joined the client record: no further query before the write.
        guard actor.role == .client, let clientID = actor.clientID else { throw APIError.notFound("client record") }
        let client = ClientRef(id: clientID, programID: actor.programID)
        let submission = try CheckInSubmission(json: try await req.jsonBody())
        let entry = try await req.clinicalEntry(by: actor, through: .api)
        let committed = try await entry.recordCheckIn(
            submission, for: client, through: req.application.checkInWriter,
            on: req.application.repository)
        guard let checkIn = committed.checkIn else { throw APIError.from(StoreError.corrupt("check-in")) }
        return try req.respond(
            CheckInDTO(
                checkIn, alert: committed.alert, crisis: committed.alert.map { _ in entry.program.crisisResources }),
            status: .created)
    }

    static func checkIns(_ req: Request) async throws -> Response {
        let client = try await req.ownClient()
        let from = try req.dateQuery("from")
        let to = try req.dateQuery("to")
        let checkIns = try await req.repository.checkIns(of: client.ref, from: from, through: to)
        try await req.auditRead("checkins.read", clients: [client.id])
        return try req.respond(CheckInListDTO(checkIns: checkIns.map { CheckInDTO($0) }))
    }
}
