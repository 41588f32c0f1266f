import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    /// Signs a new version (the next number); the caller checked it with `PlanRules.check`.
    public func signPlan(_ plan: SignedPlan, in program: ProgramID) async throws {
        try await TreatmentPlanRecord(plan, programID: program).create(on: database)
        try await bumpDataVersion(of: ClientRef(id: plan.clientID, programID: program))
    }

    /// Every signed version of a client's plan, oldest first.
    public func planVersions(of client: ClientRef) async throws -> [SignedPlan] {
        try await TreatmentPlanRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$version).all().map { try $0.toDomain() }
    }
}
