import FluentKit

/// Safety plans (clinical-rules.md §8): one row per saved version; a save never overwrites an earlier version.
struct CreateSafetyPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await createPlanVersions("safety_plans", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("safety_plans").delete()
    }
}
