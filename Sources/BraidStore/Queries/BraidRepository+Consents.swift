import BraidCore
import FluentKit
import Foundation

// 42 CFR Part 2 consents, the accounting of disclosures, and SUD counseling notes (issue 13 §5). Every read and
// write carries the program (the tenant key).

extension BraidRepository {
    /// A client's consents, oldest first.
    public func consents(of client: ClientRef) async throws -> [Part2Consent] {
        try await ConsentRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }

    public func addConsent(_ consent: Part2Consent, client: ClientRef) async throws {
        try await ConsentRecord(consent, programID: client.programID).create(on: database)
    }

    /// Marks a consent revoked; a revoked consent stays in the record (the accounting points at it).
    public func revokeConsent(_ id: UUID, of client: ClientRef, by user: UserID, at date: Date) async throws {
        guard
            let record = try await ConsentRecord.query(on: database).filter(\.$id == id)
                .filter(\.$programID == client.programID.uuid).filter(\.$clientID == client.id.uuid).first()
        else { throw StoreError.notFound("consent") }
        record.revokedAt = date
        record.revokedBy = user.uuid
        try await record.save(on: database)
    }

    /// The accounting of disclosures, newest first.
    public func disclosures(of client: ClientRef) async throws -> [Disclosure] {
        try await DisclosureRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$disclosedAt, .descending).all().map { try $0.toDomain() }
    }

    public func addDisclosure(_ disclosure: Disclosure, client: ClientRef) async throws {
        try await DisclosureRecord(disclosure, programID: client.programID).create(on: database)
    }

    /// SUD counseling notes, newest session first.
    public func counselingNotes(of client: ClientRef) async throws -> [CounselingNote] {
        try await CounselingNoteRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$sessionDate, .descending).sort(\.$writtenAt, .descending)
            .all().map { try $0.toDomain() }
    }

    public func addCounselingNote(_ note: CounselingNote, client: ClientRef) async throws {
        try await CounselingNoteRecord(note, programID: client.programID).create(on: database)
    }
}
