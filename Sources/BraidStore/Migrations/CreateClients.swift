import FluentKit

struct CreateClients: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("clients")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("display_name", .string, .required)
            // Bumped on every clinical write; caches of derived data (analysis, flags) key on it.
            .field("data_version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("clients").delete()
    }
}
