import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    /// The latest version of the client's safety plan, if one was ever saved. (Saving goes through `commit`.)
    public func safetyPlan(of client: ClientRef) async throws -> StoredSafetyPlan? {
        try await SafetyPlanRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid)
            .sort(\.$version, .descending).first()?.toDomain()
    }

    /// Every version, oldest first.
    public func safetyPlanVersions(of client: ClientRef) async throws -> [StoredSafetyPlan] {
        try await SafetyPlanRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid)
            .sort(\.$version).all().map { try $0.toDomain() }
    }
}
