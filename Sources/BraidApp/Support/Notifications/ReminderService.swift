import BraidCore
import BraidStore
import Foundation
import Vapor

/// A client's own reminder choices (issue 12), for the Reminders page and `/api/v1/me/reminders`. Saving is
/// audited; the choices are the client's alone.
struct ReminderService: CareTeamService {
    let store: BraidRepository
    let actor: Actor
    let now: Date
    let requestID: String?

    func preferences(of client: ClientRef) async throws -> ReminderPreferences {
        try await store.reminderPreferences(of: client) ?? ReminderPreferences()
    }

    func save(_ preferences: ReminderPreferences, for client: ClientRef) async throws {
        guard actor.clientID == client.id else { throw APIError.notFound("reminders") }
        let (now, audit) = (now, event("reminders.save", client: client))
        try await store.transaction { store in
            try await store.setReminderPreferences(preferences, of: client, now: now)
            try await store.appendAudit(audit)
        }
    }
}

extension Request {
    func reminderPreferences(by actor: Actor) -> ReminderService {
        ReminderService(store: repository, actor: actor, now: now, requestID: requestID)
    }
}

/// `/api/v1/me/reminders`: the signed-in client's reminder choices.
enum RemindersController {
    static func mine(_ req: Request) async throws -> Response {
        let (actor, client) = try own(req)
        return try respond(req, try await req.reminderPreferences(by: actor).preferences(of: client), status: .ok)
    }

    static func save(_ req: Request) async throws -> Response {
        let (actor, client) = try own(req)
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["kinds", "time", "quietHours"])
        guard case .array(let list)? = reader.object["kinds"] else {
            throw APIError.validation(field: "kinds", "is required: a list of reminder ids (may be empty)")
        }
        var kinds: [String] = []
        for (index, item) in list.enumerated() {
            guard case .string(let text) = item else {
                throw APIError.validation(field: "kinds[\(index)]", "must be text")
            }
            kinds.append(text)
        }
        let preferences = try ReminderPreferences(
            kinds: kinds, time: try reader.text("time", maximumLength: 5),
            quietHours: try reader.text("quietHours", maximumLength: 11))
        try await req.reminderPreferences(by: actor).save(preferences, for: client)
        return try respond(req, preferences, status: .ok)
    }

    static func own(_ req: Request) throws -> (Actor, ClientRef) {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("reminders") }
        return (actor, ClientRef(id: clientID, programID: actor.programID))
    }

    static func respond(_ req: Request, _ preferences: ReminderPreferences, status: HTTPResponseStatus) throws
        -> Response
    {
        try req.respond(
            JSONValue.object([
                "kinds": .array(
                    ReminderKind.allCases.filter(preferences.kinds.contains).map { .string($0.rawValue) }),
                "time": .string(preferences.timeText), "quietHours": .string(preferences.quietHours.text),
            ]), status: status)
    }
}
