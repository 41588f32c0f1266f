import BraidCore
import BraidStore
import Foundation
import Vapor

/// The kept plans in the API: the safety plan (§8) and the relapse-prevention plan (§10). The current version
/// (or the starter: the safety plan's has 988 and 911 pre-filled), and a new version, for the care team and for
/// the client's own plan. Saves go through the one write path, as the web's do.
enum KeptPlanController<Section: KeptPlanSection> {
    static func show(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        var reviewDue: Bool?
        if Section.self == SafetyPlanSection.self {
            reviewDue = try await req.levelOfCare(by: actor).view(of: client).safetyPlanReviewDue
        }
        return try await respond(req, client: client.ref, reviewDue: reviewDue, status: .ok)
    }

    static func save(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let plan = try SectionedPlan<Section>(json: try await req.jsonBody())
        _ = try await req.clinicalEntry(by: actor, through: .api).savePlan(plan, for: client.ref)
        return try await respond(
            req, client: client.ref, reviewDue: Section.self == SafetyPlanSection.self ? false : nil,
            status: .created, audit: false)
    }

    static func mine(_ req: Request) async throws -> Response {
        try await respond(req, client: try ownClient(req), reviewDue: nil, status: .ok)
    }

    static func saveMine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try ownClient(req)
        let plan = try SectionedPlan<Section>(json: try await req.jsonBody())
        _ = try await req.clinicalEntry(by: actor, through: .api).savePlan(plan, for: client)
        return try await respond(req, client: client, reviewDue: nil, status: .created, audit: false)
    }

    static func ownClient(_ req: Request) throws -> ClientRef {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound(Section.planName) }
        return ClientRef(id: clientID, programID: actor.programID)
    }

    static func respond(
        _ req: Request, client: ClientRef, reviewDue: Bool?, status: HTTPResponseStatus, audit: Bool = true
    ) async throws -> Response {
        let stored = try await req.repository.plan(Section.self, of: client)
        if audit { try await req.auditRead("\(Section.slug).read", clients: [client.id]) }
        let plan = stored?.plan ?? Section.starter
        var object: [String: JSONValue] = [
            "sections": .object(
                Dictionary(
                    uniqueKeysWithValues: Section.allCases.map { section in
                        (section.rawValue, JSONValue.array(plan.items(section).map(JSONValue.string)))
                    })),
            "titles": .object(
                Dictionary(uniqueKeysWithValues: Section.allCases.map { ($0.rawValue, JSONValue.string($0.title)) })),
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
