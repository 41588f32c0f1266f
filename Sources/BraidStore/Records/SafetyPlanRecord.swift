import BraidCore
import FluentKit
import Foundation

final class SafetyPlanRecord: Model, @unchecked Sendable {
    static let schema = "safety_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "content") var content: String
    @Field(key: "saved_at") var savedAt: Date
    @Field(key: "saved_by") var savedBy: UUID

    init() {}

    init(_ stored: StoredSafetyPlan, programID: ProgramID) throws {
        id = UUID()
        self.programID = programID.uuid
        clientID = stored.clientID.uuid
        version = stored.version
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        content = String(decoding: try encoder.encode(stored.plan.stored), as: UTF8.self)
        savedAt = stored.savedAt
        savedBy = stored.savedBy.uuid
    }

    func toDomain() throws -> StoredSafetyPlan {
        guard let sections = try? JSONDecoder().decode([String: [String]].self, from: Data(content.utf8)) else {
            throw StoreError.corrupt("safety_plans.content")
        }
        return StoredSafetyPlan(
            clientID: ClientID(clientID), version: version, plan: SafetyPlan(stored: sections), savedAt: savedAt,
            savedBy: UserID(savedBy))
    }
}
