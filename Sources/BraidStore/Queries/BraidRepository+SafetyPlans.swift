import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    /// The latest version of the client's safety plan, if one was ever saved.
    public func safetyPlan(of client: ClientID) async throws -> StoredSafetyPlan? {
        try await SafetyPlanRecord.query(on: database).filter(\.$clientID == client.uuid)
            .sort(\.$version, .descending).first()?.toDomain()
    }

    /// Every version, oldest first.
    public func safetyPlanVersions(of client: ClientID) async throws -> [StoredSafetyPlan] {
        try await SafetyPlanRecord.query(on: database).filter(\.$clientID == client.uuid)
            .sort(\.$version).all().map { try $0.toDomain() }
    }

    /// Saves the plan as the next version (earlier versions stay), audited.
    public func saveSafetyPlan(
        _ plan: SafetyPlan, for client: ClientProfile, by author: Actor, requestID: String?, now: Date
    ) async throws -> StoredSafetyPlan {
        try await transaction { store in
            let latest = try await SafetyPlanRecord.query(on: store.database).filter(\.$clientID == client.id.uuid)
                .max(\.$version)
            let stored = StoredSafetyPlan(
                clientID: client.id, version: (latest ?? 0) + 1, plan: plan, savedAt: now, savedBy: author.userID)
            try await SafetyPlanRecord(stored, programID: client.programID).create(on: store.database)
            try await store.appendAudit(
                AuditEvent(
                    programID: client.programID, actorID: author.userID, role: author.role,
                    action: "safety-plan.save", clientID: client.id, requestID: requestID, at: now))
            return stored
        }
    }
}
