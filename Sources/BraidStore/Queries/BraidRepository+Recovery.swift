import BraidCore
import FluentKit
import Foundation

// The client's recovery-tool records (issue 14, §10). Writes go through `commit` (the one write path); these are
// the reads. Every query carries the program (the tenant key).

extension BraidRepository {
    /// A client's records of one kind, by the day they are about (newest first), then newest written first.
    public func recoveryItems(_ kind: RecoveryKind, of client: ClientRef, limit: Int? = nil) async throws
        -> [StoredRecoveryItem]
    {
        var query = RecoveryRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).filter(\.$kind == kind.rawValue)
            .sort(\.$day, .descending).sort(\.$recordedAt, .descending)
        if let limit { query = query.limit(limit) }
        return try await query.all().map { try $0.toDomain() }
    }

    /// One record of a client by id, of the kind asked for; `nil` when there is none.
    public func recoveryItem(_ id: UUID, _ kind: RecoveryKind, of client: ClientRef) async throws
        -> StoredRecoveryItem?
    {
        try await RecoveryRecord.query(on: database).filter(\.$id == id)
            .filter(\.$programID == client.programID.uuid).filter(\.$clientID == client.id.uuid)
            .filter(\.$kind == kind.rawValue).first()?.toDomain()
    }

    /// The client's diary card for the week starting `weekStart`, if one is stored.
    public func diaryCard(weekStarting weekStart: CalendarDate, of client: ClientRef) async throws
        -> StoredRecoveryItem?
    {
        try await RecoveryRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).filter(\.$kind == RecoveryKind.diaryCard.rawValue)
            .filter(\.$day == weekStart.description).first()?.toDomain()
    }

    /// Inserts a new record, or replaces the stored one (same id, client and kind), inside the commit's
    /// transaction.
    func saveRecovery(_ item: RecoveryItem, replacing: StoredRecoveryItem?, for write: ClinicalWrite) async throws
        -> StoredRecoveryItem
    {
        guard let replacing else {
            let record = try RecoveryRecord(
                id: UUID(), item: item, client: write.client, at: write.now, by: write.author.userID)
            try await record.create(on: database)
            return try record.toDomain()
        }
        guard replacing.item.kind == item.kind,
            let record = try await RecoveryRecord.query(on: database).filter(\.$id == replacing.id)
                .filter(\.$programID == write.client.programID.uuid).filter(\.$clientID == write.client.id.uuid)
                .filter(\.$kind == item.kind.rawValue).first()
        else { throw StoreError.notFound(item.kind.rawValue) }
        record.payload = NoteSeal.seal(String(decoding: try item.payload(), as: UTF8.self), .recoveryRecord)
        record.day = item.date?.description
        record.updatedAt = write.now
        try await record.save(on: database)
        return try record.toDomain()
    }

    /// Deletes a record of the client, inside the commit's transaction.
    func removeRecovery(_ kind: RecoveryKind, id: UUID, for write: ClinicalWrite) async throws -> UUID {
        guard
            let record = try await RecoveryRecord.query(on: database).filter(\.$id == id)
                .filter(\.$programID == write.client.programID.uuid).filter(\.$clientID == write.client.id.uuid)
                .filter(\.$kind == kind.rawValue).first()
        else { throw StoreError.notFound(kind.rawValue) }
        try await record.delete(on: database)
        return id
    }
}

extension BraidRepository {
    /// The language a user chose for their pages, or `nil` (English).
    public func language(of user: UserID) async throws -> SpokenLanguage? {
        try await UserRecord.query(on: database).filter(\.$id == user.uuid).field(\.$id).field(\.$language)
            .first()?.language.flatMap(SpokenLanguage.init(rawValue:))
    }

    public func setLanguage(_ language: SpokenLanguage, of user: UserID, in program: ProgramID) async throws {
        guard
            let record = try await UserRecord.query(on: database).filter(\.$id == user.uuid)
                .filter(\.$programID == program.uuid).first()
        else { throw StoreError.notFound("account") }
        record.language = language.rawValue
        try await record.save(on: database)
    }
}
