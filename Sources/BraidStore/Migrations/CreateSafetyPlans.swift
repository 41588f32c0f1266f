import FluentKit

/// Safety plans (clinical-rules.md §8): one row per saved version; a save never overwrites an earlier version.
struct CreateSafetyPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("safety_plans")
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

    func revert(on database: any Database) async throws {
        try await database.schema("safety_plans").delete()
    }
}
