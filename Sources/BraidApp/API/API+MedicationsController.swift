import BraidCore
import BraidStore
import Foundation
import Vapor

/// Medications (issue 12): the list with adherence, entry and edits by the care team, prescriber notes, and the
/// client's own list.
enum MedicationsController {
    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let view = try await req.medications(by: actor).view(of: client.ref, withNotes: true)
        try await req.auditRead("medications.read", clients: [client.id])
        return try req.respond(json(view, withNotes: true))
    }

    static func mine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("medication list") }
        let view = try await req.medications(by: actor).view(
            of: ClientRef(id: clientID, programID: actor.programID), withNotes: false)
        try await req.auditRead("medications.read", clients: [clientID])
        return try req.respond(json(view, withNotes: false))
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let medication = try await req.medications(by: actor).add(try await req.jsonBody(), for: client.ref)
        return try req.respond(json(medication), status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        guard let id = req.parameters.get("medicationId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("medication")
        }
        let medication = try await req.medications(by: actor).update(id, try await req.jsonBody(), for: client.ref)
        return try req.respond(json(medication))
    }

    static func createNote(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["text"])
        let text = try reader.text("text", maximumLength: PrescriberNote.maximumLength)
        let note = try await req.medications(by: actor).addNote(text, for: client.ref)
        return try req.respond(json(note, authors: [:]), status: .created)
    }

    static func json(_ medication: Medication) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(medication.id.uuidString.lowercased()), "name": .string(medication.name),
            "dose": .string(medication.dose), "route": .string(medication.route.rawValue),
            "frequency": .string(medication.frequency), "prescriber": .string(medication.prescriber),
            "startDate": .string(medication.startDate.description),
            "updatedAt": LevelController.instant(medication.updatedAt),
        ]
        if let stop = medication.stopDate { object["stopDate"] = .string(stop.description) }
        if let reason = medication.reason { object["reason"] = .string(reason) }
        if let notes = medication.notes { object["notes"] = .string(notes) }
        return .object(object)
    }

    static func json(_ adherence: MedicationAdherence) -> JSONValue {
        var object: [String: JSONValue] = [
            "days": .number(Double(adherence.days)), "taken": .number(Double(adherence.taken)),
            "answered": .number(Double(adherence.answered)),
        ]
        if let rate = adherence.rate { object["rate"] = .number((rate * 1000).rounded() / 1000) }
        return .object(object)
    }

    static func json(_ note: PrescriberNote, authors: [UserID: String]) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(note.id.uuidString.lowercased()), "text": .string(note.text),
            "writtenBy": .string(note.writtenBy.description), "writtenAt": LevelController.instant(note.writtenAt),
        ]
        if let name = authors[note.writtenBy] { object["writtenByName"] = .string(name) }
        return .object(object)
    }

    static func json(_ view: MedicationsView, withNotes: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "medications": .array(view.medications.map(json)),
            "adherence": .object(["last7Days": json(view.adherence7), "last30Days": json(view.adherence30)]),
            "facts": .object([
                "noApprovedMedication": .string(MedicationFacts.noApprovedMedication),
                "antidepressants": .string(MedicationFacts.antidepressants),
            ]),
        ]
        if withNotes { object["prescriberNotes"] = .array(view.notes.map { json($0, authors: view.authors) }) }
        return .object(object)
    }
}
