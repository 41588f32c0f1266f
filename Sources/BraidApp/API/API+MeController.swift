import BraidCore
import BraidStore
import Vapor

/// The signed-in account and a client's own check-ins.
enum MeController {
    /// Clients may back-fill a missed day, up to this many days back.
    static let backfillDays = 30

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
        let today = req.today
        let date = submission.date ?? today
        guard date <= today else { throw APIError.validation(field: "date", "\(date) is in the future") }
        guard date.days(to: today) <= backfillDays else {
            throw APIError.validation(
                field: "date", "\(date) is more than \(backfillDays) days ago; ask your care team to record it")
        }
        let (checkIn, alert) = try await req.application.checkInWriter.record(
            CheckInWrite(
                values: submission.values, date: date, client: client, author: actor, requestID: req.requestID,
                now: req.now),
            repository: req.application.repository)
        if let alert {
            // Ids only: the log never carries what the client said.
            req.logger.notice("safety alert opened", metadata: ["alert": .string(alert.id.description)])
        }
        return try req.respond(
            CheckInDTO(
                checkIn, alert: alert,
                crisis: alert == nil ? nil : try await req.crisisResources(for: client.programID)), status: .created)
    }

    static func checkIns(_ req: Request) async throws -> Response {
        let client = try await req.ownClient()
        let from = try req.dateQuery("from")
        let to = try req.dateQuery("to")
        if let from, let to, from > to { throw APIError.validation(field: "from", "\(from) is after to (\(to))") }
        let checkIns = try await req.repository.checkIns(of: client.id, from: from, through: to)
        try await req.auditRead("checkins.read", clients: [client.id])
        return try req.respond(CheckInListDTO(checkIns: checkIns.map { CheckInDTO($0) }))
    }
}
