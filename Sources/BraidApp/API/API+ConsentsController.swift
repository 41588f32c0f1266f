import BraidCore
import BraidStore
import Foundation
import Vapor

/// 42 CFR Part 2 (issue 13 §5): consents and the accounting of disclosures for the care team and for the client,
/// disclosures outside the program through the consent gate, and SUD counseling notes kept apart.
enum ConsentsController {
    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let account = try await req.consents(by: actor).account(of: client.ref)
        try await req.auditRead("consents.read", clients: [client.id])
        return try req.respond(DisclosureJSON.account(account))
    }

    static func mine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("consent record") }
        let account = try await req.consents(by: actor).account(of: ClientRef(id: clientID, programID: actor.programID))
        try await req.auditRead("consents.read", clients: [clientID])
        return try req.respond(DisclosureJSON.account(account))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let service = try await req.consents(by: actor)
        let consent = try await service.record(try await req.jsonBody(), for: client.ref)
        return try req.respond(DisclosureJSON.consent(consent, today: service.today, names: [:]), status: .created)
    }

    static func revoke(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        return try await revoke(req, actor: actor, client: client.ref)
    }

    static func revokeMine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("consent") }
        return try await revoke(req, actor: actor, client: ClientRef(id: clientID, programID: actor.programID))
    }

    static func revoke(_ req: Request, actor: Actor, client: ClientRef) async throws -> Response {
        guard let id = req.parameters.get("consentId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("consent")
        }
        let service = try await req.consents(by: actor)
        let consent = try await service.revoke(id, for: client)
        return try req.respond(DisclosureJSON.consent(consent, today: service.today, names: [:]))
    }

    /// `POST /api/v1/clients/{id}/disclosures`: the care team discloses outside the program under a consent.
    static func disclose(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let client = try await req.accessibleClient()
        let request = try DisclosureRequest(json: try await req.jsonBody())
        let package = try await Part2Disclosing.disclose(
            req.repository, client: client, request: request, actor: actor,
            today: try await req.program(of: actor).today(now: req.now), requestID: req.requestID, now: req.now)
        return try req.respond(package.json, status: .created)
    }

    static func notes(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let client = try await req.accessibleClient()
        let (notes, authors) = try await req.consents(by: actor).counselingNotes(of: client.ref)
        return try req.respond(
            JSONValue.object(["notes": .array(notes.map { DisclosureJSON.note($0, authors: authors) })]))
    }

    static func createNote(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let note = try await req.consents(by: actor).addCounselingNote(try await req.jsonBody(), for: client.ref)
        return try req.respond(DisclosureJSON.note(note, authors: [:]), status: .created)
    }
}
