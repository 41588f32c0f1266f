import BraidCore
import FluentKit
import Foundation

/// A plan the store keeps in versions, each plan in its own table with the same columns.
public protocol StoredPlanSection: PlanSection {
    /// The plan's table.
    static var table: String { get }
}

extension SafetyPlanSection: StoredPlanSection {
    public static var table: String { "safety_plans" }
}

extension RelapsePlanSection: StoredPlanSection {
    public static var table: String { "relapse_prevention_plans" }
}

/// One saved version of a sectioned plan: the sections as sorted JSON, numbered per client, never overwritten.
final class PlanVersionRecord<Section: StoredPlanSection>: Model, @unchecked Sendable {
    static var schema: String { Section.table }

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "content") var content: String
    @Field(key: "saved_at") var savedAt: Date
    @Field(key: "saved_by") var savedBy: UUID

    init() {}

    init(_ stored: StoredPlan<Section>, programID: ProgramID) throws {
        id = UUID()
        self.programID = programID.uuid
        clientID = stored.clientID.uuid
        version = stored.version
        content = NoteSeal.seal(try jsonText(stored.plan.stored), .planContent(of: Section.table))
        savedAt = stored.savedAt
        savedBy = stored.savedBy.uuid
    }

    func toDomain() throws -> StoredPlan<Section> {
        let text = try NoteSeal.open(content, .planContent(of: Section.table))
        guard let sections = try? JSONDecoder().decode([String: [String]].self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("\(Section.table).content")
        }
        return StoredPlan(
            clientID: ClientID(clientID), version: version, plan: SectionedPlan(stored: sections), savedAt: savedAt,
            savedBy: UserID(savedBy))
    }

    static func forClient(_ client: ClientRef, on database: any Database) -> QueryBuilder<PlanVersionRecord> {
        query(on: database).filter(\.$programID == client.programID.uuid).filter(\.$clientID == client.id.uuid)
    }

    /// Saves `plan` as the client's next version (inside the caller's transaction).
    static func saveNext(
        _ plan: SectionedPlan<Section>, client: ClientRef, at now: Date, by author: UserID, on database: any Database
    ) async throws -> StoredPlan<Section> {
        let latest = try await forClient(client, on: database).max(\.$version)
        let stored = StoredPlan(
            clientID: client.id, version: (latest ?? 0) + 1, plan: plan, savedAt: now, savedBy: author)
        try await PlanVersionRecord(stored, programID: client.programID).create(on: database)
        return stored
    }
}
