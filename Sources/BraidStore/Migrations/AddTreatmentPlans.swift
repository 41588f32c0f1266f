import FluentKit

/// Treatment plans (issue 11, clinical-rules.md §7): one row per signed version, never overwritten.
struct AddTreatmentPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("treatment_plans")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("episode_id", .uuid, .references("episodes", "id", onDelete: .setNull))
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("signed_by", .uuid, .required)
            .field("signed_at", .datetime, .required)
            .field("signed_on", .string, .required)
            .field("review_due", .string, .required)
            .unique(on: "client_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("treatment_plans").delete()
    }
}
