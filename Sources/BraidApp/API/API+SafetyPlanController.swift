import BraidCore
import BraidStore
import Foundation
import Vapor

/// The safety plan in the API (§8): the current version (or the starter, with 988 pre-filled), and a new version,
/// for the care team and for the client's own plan. Saves go through the one write path, as the web's do.
enum SafetyPlanController {
    static func show(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let view = try await req.levelOfCare(by: actor).view(of: client)
        return try await respond(req, client: client.ref, reviewDue: view.safetyPlanReviewDue, status: .ok)
    }

    static func save(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let plan = try SafetyPlan(json: try await req.jsonBody())
        _ = try await req.clinicalEntry(by: actor, through: .api).saveSafetyPlan(plan, for: client.ref)
        return try await respond(req, client: client.ref, reviewDue: false, status: .created, audit: false)
    }

    static func mine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("safety plan") }
        return try await respond(
            req, client: ClientRef(id: clientID, programID: actor.programID), reviewDue: nil, status: .ok)
    }

    static func saveMine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("safety plan") }
        let client = ClientRef(id: clientID, programID: actor.programID)
        let plan = try SafetyPlan(json: try await req.jsonBody())
        _ = try await req.clinicalEntry(by: actor, through: .api).saveSafetyPlan(plan, for: client)
        return try await respond(req, client: client, reviewDue: nil, status: .created, audit: false)
    }

    static func respond(
        _ req: Request, client: ClientRef, reviewDue: Bool?, status: HTTPResponseStatus, audit: Bool = true
    ) async throws -> Response {
        let stored = try await req.repository.safetyPlan(of: client)
        if audit { try await req.auditRead("safety-plan.read", clients: [client.id]) }
        let plan = stored?.plan ?? .starter
        var object: [String: JSONValue] = [
            "sections": .object(
                Dictionary(
                    uniqueKeysWithValues: SafetyPlan.Section.allCases.map { section in
                        (section.rawValue, JSONValue.array(plan.items(section).map(JSONValue.string)))
                    })),
            "titles": .object(
                Dictionary(
                    uniqueKeysWithValues: SafetyPlan.Section.allCases.map { ($0.rawValue, JSONValue.string($0.title)) })
            ),
        ]
        if let stored {
            object["version"] = .number(Double(stored.version))
            object["savedAt"] = LevelController.instant(stored.savedAt)
            object["savedBy"] = .string(stored.savedBy.description)
        }
        if let reviewDue { object["reviewDue"] = .bool(reviewDue) }
        return try req.respond(JSONValue.object(object), status: status)
    }
}
