import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    /// The latest version of the client's plan (safety or relapse-prevention), if one was ever saved. Saving goes
    /// through `commit`.
    public func plan<Section: StoredPlanSection>(_: Section.Type, of client: ClientRef) async throws -> StoredPlan<
        Section
    >? {
        try await PlanVersionRecord<Section>.forClient(client, on: database).sort(\.$version, .descending).first()?
            .toDomain()
    }

    /// Every version, oldest first.
    public func planVersions<Section: StoredPlanSection>(_: Section.Type, of client: ClientRef) async throws
        -> [StoredPlan<Section>]
    {
        try await PlanVersionRecord<Section>.forClient(client, on: database).sort(\.$version).all()
            .map { try $0.toDomain() }
    }

    public func safetyPlan(of client: ClientRef) async throws -> StoredSafetyPlan? {
        try await plan(SafetyPlanSection.self, of: client)
    }

    public func safetyPlanVersions(of client: ClientRef) async throws -> [StoredSafetyPlan] {
        try await planVersions(SafetyPlanSection.self, of: client)
    }
}
