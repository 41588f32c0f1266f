import FluentKit

/// Relapse-prevention plans (§10, issue 12): one row per saved version, in the same shape as the safety plan's.
struct AddRelapsePreventionPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await createPlanVersions("relapse_prevention_plans", on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("relapse_prevention_plans").delete()
    }
}

/// A table of plan versions (`PlanVersionRecord`): numbered per client, unique per version.
func createPlanVersions(_ table: String, on database: any Database) async throws {
    try await database.schema(table)
        .id()
        .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
        .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
        .field("version", .int, .required)
        .field("content", .string, .required)
        .field("saved_at", .datetime, .required)
        .field("saved_by", .uuid, .required)
        .unique(on: "client_id", "version")
        .create()
}
