import BraidCore
import FluentKit
import Foundation

// Medications and prescriber notes (issue 12). Reads and writes carry the program (the tenant key).

extension BraidRepository {
    /// A client's medications: current ones first (by start date, newest first), then stopped ones.
    public func medications(of client: ClientRef) async throws -> [Medication] {
        try await MedicationRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$startDate, .descending).all().map { try $0.toDomain() }
    }

    public func medication(_ id: UUID, of client: ClientRef) async throws -> Medication? {
        try await MedicationRecord.query(on: database).filter(\.$id == id)
            .filter(\.$programID == client.programID.uuid).filter(\.$clientID == client.id.uuid).first()?
            .toDomain()
    }

    public func addMedication(_ medication: Medication, client: ClientRef) async throws {
        try await MedicationRecord(medication, programID: client.programID).create(on: database)
    }

    public func updateMedication(_ medication: Medication, client: ClientRef) async throws {
        guard
            let record = try await MedicationRecord.query(on: database).filter(\.$id == medication.id)
                .filter(\.$programID == client.programID.uuid).filter(\.$clientID == client.id.uuid).first()
        else { throw StoreError.notFound("medication") }
        record.set(medication)
        try await record.save(on: database)
    }

    /// The prescriber's notes, newest first.
    public func prescriberNotes(of client: ClientRef) async throws -> [PrescriberNote] {
        try await PrescriberNoteRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$writtenAt, .descending).all().map { try $0.toDomain() }
    }

    public func addPrescriberNote(_ note: PrescriberNote, client: ClientRef) async throws {
        try await PrescriberNoteRecord(note, programID: client.programID).create(on: database)
    }
}
