import FluentKit

/// Care-team membership: which clinicians (or other staff) serve which client.
struct CreateCareTeams: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("care_team_members")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "client_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("care_team_members").delete()
    }
}
