import BraidCore
import BraidStore
import Foundation
import Vapor

/// A client's medications as the chart, the client's plan page and the API show them: the list, adherence from
/// the check-ins over 7 and 30 days, and (for the care team) the prescriber's notes with their authors.
struct MedicationsView: Sendable {
    let medications: [Medication]
    let adherence7: MedicationAdherence
    let adherence30: MedicationAdherence
    let notes: [PrescriberNote]
    let authors: [UserID: String]
    let today: CalendarDate

    var current: [Medication] { medications.filter { $0.isActive(on: today) || $0.startDate > today } }
    var stopped: [Medication] { medications.filter { ($0.stopDate.map { $0 < today }) ?? false } }
}

/// Medications and prescriber coordination. The care team writes; a client reads their own list.
struct MedicationService: CareTeamService {
    let store: BraidRepository
    let actor: Actor
    let today: CalendarDate
    let now: Date
    let requestID: String?

    func view(of client: ClientRef, withNotes: Bool) async throws -> MedicationsView {
        let checkIns = try await store.checkIns(of: client, from: today.adding(days: -29))
        let answers = Dictionary(checkIns.map { ($0.date, $0.values.medsTaken) }, uniquingKeysWith: { $1 })
        let notes = withNotes ? try await store.prescriberNotes(of: client) : []
        var authors: [UserID: String] = [:]
        for id in Set(notes.map(\.writtenBy)) { authors[id] = try await store.user(id)?.name }
        return MedicationsView(
            medications: try await store.medications(of: client),
            adherence7: MedicationAdherence(answers: answers, today: today, days: 7),
            adherence30: MedicationAdherence(answers: answers, today: today, days: 30), notes: notes,
            authors: authors, today: today)
    }

    func add(_ body: JSONValue, for client: ClientRef) async throws -> Medication {
        try permitCareTeam()
        let entry = try MedicationEntry(json: body, today: today)
        let medication = entry.medication(id: UUID(), clientID: client.id, by: actor.userID, at: now)
        let audit = event("medication.create", client: client)
        try await store.transaction { store in
            try await store.addMedication(medication, client: client)
            try await store.appendAudit(audit)
        }
        return medication
    }

    func update(_ id: UUID, _ body: JSONValue, for client: ClientRef) async throws -> Medication {
        try permitCareTeam()
        guard try await store.medication(id, of: client) != nil else { throw APIError.notFound("medication") }
        let entry = try MedicationEntry(json: body, today: today)
        let medication = entry.medication(id: id, clientID: client.id, by: actor.userID, at: now)
        let audit = event("medication.update", client: client)
        try await store.transaction { store in
            try await store.updateMedication(medication, client: client)
            try await store.appendAudit(audit)
        }
        return medication
    }

    func addNote(_ text: String, for client: ClientRef) async throws -> PrescriberNote {
        try permitCareTeam()
        let note = PrescriberNote(
            id: UUID(), clientID: client.id, text: try PrescriberNote.check(text), writtenBy: actor.userID,
            writtenAt: now)
        let audit = event("prescriber-note.create", client: client)
        try await store.transaction { store in
            try await store.addPrescriberNote(note, client: client)
            try await store.appendAudit(audit)
        }
        return note
    }

    private func permitCareTeam() throws {
        try requireCareTeam("only the care team keeps the medication list", field: "name")
    }
}

extension Request {
    func medications(by actor: Actor) async throws -> MedicationService {
        let program = try await program(of: actor)
        return MedicationService(
            store: repository, actor: actor, today: program.today(now: now), now: now, requestID: requestID)
    }
}
