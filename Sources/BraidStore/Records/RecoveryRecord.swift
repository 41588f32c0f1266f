import BraidCore
import FluentKit
import Foundation

final class RecoveryRecord: Model, @unchecked Sendable {
    static let schema = "recovery_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "day") var day: String?
    @Field(key: "payload") var payload: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    init(id: UUID, item: RecoveryItem, client: ClientRef, at date: Date, by user: UserID) throws {
        self.id = id
        programID = client.programID.uuid
        clientID = client.id.uuid
        kind = item.kind.rawValue
        day = item.date?.description
        payload = NoteSeal.seal(String(decoding: try item.payload(), as: UTF8.self), .recoveryRecord)
        recordedAt = date
        recordedBy = user.uuid
    }

    func toDomain() throws -> StoredRecoveryItem {
        guard let kind = RecoveryKind(rawValue: kind) else { throw StoreError.corrupt("recovery_records.kind") }
        let item: RecoveryItem
        do {
            item = try RecoveryItem(kind: kind, payload: Data(try NoteSeal.open(payload, .recoveryRecord).utf8))
        } catch {
            throw StoreError.corrupt("recovery_records.payload")
        }
        return StoredRecoveryItem(
            id: try requireID(), clientID: ClientID(clientID), item: item, recordedAt: recordedAt,
            recordedBy: UserID(recordedBy), updatedAt: updatedAt)
    }
}
